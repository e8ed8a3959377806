"""Where the data lives: the order of precedence, URL forms people type, no passwords in the
settings file, no SQLite on a network share, the SQLite settings that keep data safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ln_scheduler.services.app import open_services
from ln_scheduler.services.errors import DatabaseUnavailableError, ServiceError
from ln_scheduler.store.errors import StoreConfigError
from ln_scheduler.store.location import (
    Mount,
    check_not_network_share,
    choose_database,
    display_url,
    normalize_url,
    parse_url,
    settings_path,
)


def test_precedence_is_option_then_environment_then_settings_then_default(tmp_path, monkeypatch):
    default = choose_database()
    assert default.source == "default" and default.url == f"sqlite:///{tmp_path / 'data' / 'ln_scheduler.sqlite3'}"
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('[database]\nurl = "postgresql://coord@db.site.org/ln"\n', encoding="utf-8")
    assert choose_database().url == "postgresql://coord@db.site.org/ln"
    assert choose_database().source.startswith("settings file")
    monkeypatch.setenv("LN_SCHEDULER_DB", "sqlite:////tmp/env.sqlite3")
    assert (choose_database().url, choose_database().source) == ("sqlite:////tmp/env.sqlite3", "$LN_SCHEDULER_DB")
    assert choose_database("sqlite:////tmp/cli.sqlite3").source == "--db"


@pytest.mark.parametrize(
    "content",
    ['[database]\nurl = "postgresql://coord:s3cret@db/ln"\n', '[database]\nurl = "postgresql://coord@db/ln"\n'
     'password = "s3cret"\n'],
)
def test_a_password_in_the_settings_file_is_refused(content):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(content, encoding="utf-8")
    with pytest.raises(StoreConfigError, match=r"keyring|pgpass"):
        choose_database()


def test_keyring_is_opt_in_in_the_settings_file():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('[database]\nurl = "postgresql://coord@db/ln"\npassword = "keyring"\n',
                               encoding="utf-8")
    assert choose_database().use_keyring


def test_url_forms_people_type():
    assert normalize_url("postgresql://postgres@127.0.0.1/test") == "postgresql+psycopg://postgres@127.0.0.1/test"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("/srv/site.sqlite3") == "sqlite:////srv/site.sqlite3"
    assert normalize_url("sqlite:///rel.db") == "sqlite:///rel.db"
    with pytest.raises(StoreConfigError, match="unsupported database URL scheme 'mysql'"):
        normalize_url("mysql://u@h/db")
    assert display_url(parse_url("postgresql://coord:s3cret@db.site.org:5433/ln")) == \
        "PostgreSQL: coord@db.site.org:5433/ln"
    assert "s3cret" not in display_url(parse_url("postgresql://coord:s3cret@db/ln"))
    assert display_url(parse_url("/srv/x.sqlite3")) == "SQLite: /srv/x.sqlite3"


@pytest.mark.parametrize("path", ["//fileserver/study/site.sqlite3", "\\\\fileserver\\study\\site.sqlite3"])
def test_a_unc_path_is_refused_with_a_pointer_to_postgresql(path):
    with pytest.raises(StoreConfigError, match=r"network share.*PostgreSQL"):
        check_not_network_share(Path(path))


@pytest.mark.parametrize("fstype", ["nfs4", "cifs", "smbfs"])
def test_a_file_on_a_network_mount_is_refused(tmp_path, fstype):
    share = tmp_path / "share"
    share.mkdir()
    mounts = [Mount("/", "ext4", "rw"), Mount(str(share), fstype, "rw")]  # as psutil lists them
    with pytest.raises(StoreConfigError, match=f"on a {fstype} mount"):
        check_not_network_share(share / "sub" / "site.sqlite3", mounts)
    check_not_network_share(tmp_path / "local.sqlite3", mounts)  # the local disk is fine


@pytest.mark.parametrize("db", ["//fileserver/study/site.sqlite3", "sqlite://///fileserver/study/site.sqlite3",
                                "\\\\fileserver\\study\\site.sqlite3"])
def test_a_unc_path_never_reaches_sqlite_through_open_services(db):
    with pytest.raises(ServiceError, match="network share"):
        open_services(db)
    assert not Path("/fileserver").exists()


def test_the_default_database_is_created_on_first_start_with_safe_sqlite_settings(tmp_path, clock):
    with open_services(clock=clock) as svc:
        path = tmp_path / "data" / "ln_scheduler.sqlite3"
        assert svc.url_display == f"SQLite: {path}" and path.exists()
        engine = svc.context.engine  # the configured engine, as every service uses it
        with engine.connect() as conn:
            pragmas = {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in
                       ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")}
        assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 10_000}
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file
    con.close()


def test_an_unreachable_postgresql_server_is_one_clear_error():
    expected = r"cannot open the database \(PostgreSQL: postgres@127.0.0.1:1/x\)"
    with pytest.raises(DatabaseUnavailableError, match=expected):
        open_services("postgresql://postgres@127.0.0.1:1/x")


def test_a_file_that_is_not_a_database_is_one_clear_error_and_is_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Visit notes, not a database\n" * 200)
    with pytest.raises(ServiceError, match=rf"^{path} is not an LN Visit Scheduler database \(or is damaged\)"):
        open_services(f"sqlite:///{path}")
    assert path.read_bytes() == b"Visit notes, not a database\n" * 200
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]  # no -wal, -shm or backup beside it


@pytest.mark.parametrize("how", ["--db", "$LN_SCHEDULER_DB"])
def test_an_explicit_file_in_a_folder_that_does_not_exist_is_refused_not_created(tmp_path, monkeypatch, how):
    missing = tmp_path / "typo" / "site"
    given = f"sqlite:///{missing / 'x.sqlite3'}"
    if how == "$LN_SCHEDULER_DB":
        monkeypatch.setenv("LN_SCHEDULER_DB", given)
    with pytest.raises(ServiceError, match=f"the folder {missing} does not exist: create it first"):
        open_services(given if how == "--db" else None)
    assert not (tmp_path / "typo").exists()


def test_a_port_that_is_not_a_number_is_named_in_words_not_python_s():
    with pytest.raises(StoreConfigError) as caught:
        parse_url("postgresql://u@127.0.0.1:abc/x")
    assert "its port is not a number" in str(caught.value)
    assert "int()" not in str(caught.value)


def test_a_sqlite_file_this_account_cannot_open_is_explained_for_sqlite_not_postgresql(tmp_path, monkeypatch):
    """Seen in a walk (an account that may not write to the database's folder, the natural way to give a
    monitor a SQLite file to read): the message was the PostgreSQL one ("its owner's account must
    create or upgrade its tables ... the roles script"). SQLite needs its -wal and -shm files beside
    the database; the message says so, and what to do. (This test runs as root, whom file modes do
    not stop: the folder's refusal is what os.access answers for another account.)"""
    import os

    from ln_scheduler.services import app

    folder = tmp_path / "shared"
    folder.mkdir()
    database = folder / "site.sqlite3"
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == folder and mode & os.W_OK
                        else real_access(p, mode, **kw))
    message = str(app.open_write_refused(f"sqlite:///{database}"))
    assert str(folder) in message and "site.sqlite3-wal" in message and "site.sqlite3-shm" in message
    assert "roles" not in message and "owner's account" not in message
    plain = str(app.open_write_refused("postgresql://coordinator@db/site"))
    assert "roles script" in plain  # PostgreSQL keeps its advice
