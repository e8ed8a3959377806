"""The calendar server's password, kept in the OS keyring of each workstation: never in a file,
never in the database (every workstation and every backup would carry it otherwise).

Tests point ``keyring`` at a throw-away backend (``keyring.set_keyring``), so the real keyring of
the person running them is never touched.
"""

from __future__ import annotations

from contextlib import suppress

KEYRING_SERVICE = "ln-scheduler-caldav"


class PasswordStoreError(Exception):
    """The OS keyring cannot store the password (no keyring on this machine, or it is locked)."""


def keyring_user(url: str, user: str | None) -> str:
    """The keyring entry's name: the account at the collection (one password per pair)."""
    return f"{user or ''}@{url}"


def stored_password(url: str, user: str | None) -> str | None:
    """The password saved for this account, or None (none saved, or no usable keyring)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_user(url, user))
    except Exception:  # keyring raises backend-specific errors; none of them is worth a crash
        return None


def store_password(url: str, user: str | None, password: str) -> None:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_user(url, user), password)
    except Exception as exc:
        raise PasswordStoreError(
            f"the password could not be saved in this computer's keyring ({exc}); give it with "
            "--password-stdin each time, or set up a keyring") from exc


def forget_password(url: str, user: str | None) -> None:
    """Remove the saved password (none saved, or no keyring: nothing to do)."""
    with suppress(Exception):
        import keyring

        keyring.delete_password(KEYRING_SERVICE, keyring_user(url, user))
