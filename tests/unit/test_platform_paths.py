"""Windows and macOS paths, checked on Linux: the network-share refusal (psutil's view of the
mounts, Windows drive letters and UNC paths, macOS volumes) and the folders, which come from
platformdirs on every system (never a hard-coded Linux path)."""

from __future__ import annotations

import ntpath
import posixpath
from collections import namedtuple
from pathlib import Path, PureWindowsPath

import platformdirs
import psutil
import pytest

from ln_scheduler.store import audit_key, location
from ln_scheduler.store.errors import StoreConfigError
from ln_scheduler.store.location import Mount, check_not_network_share, covering_mount

WINDOWS_DRIVES = [Mount("C:\\", "NTFS", "rw,fixed"), Mount("D:\\", "", "cdrom"),
                  Mount("Z:\\", "NTFS", "rw,remote")]  # Z: a mapped network drive, as psutil reports it
MACOS_VOLUMES = [Mount("/", "apfs", "local,journaled"), Mount("/Volumes/Study", "smbfs", "nodev,nosuid"),
                 Mount("/Volumes/Archive", "afpfs", "nodev"), Mount("/Volumes/USB", "msdos", "local")]


@pytest.mark.parametrize(("path", "network"), [
    (r"Z:\study\site.sqlite3", True),
    (r"z:\Study\site.sqlite3", True),  # Windows paths ignore case
    ("Z:/study/site.sqlite3", True),  # and accept forward slashes
    (r"C:\Users\coord\AppData\Local\ln-scheduler\ln_scheduler.sqlite3", False),
])
def test_a_mapped_network_drive_on_windows_is_found(path: str, network: bool) -> None:
    mount = covering_mount(path, WINDOWS_DRIVES, ntpath)
    assert mount is not None and mount.is_network is network


@pytest.mark.parametrize(("path", "fstype"), [
    ("/Volumes/Study/site.sqlite3", "smbfs"), ("/Volumes/Archive/a/site.sqlite3", "afpfs"),
    ("/Volumes/StudyOld/site.sqlite3", "apfs"),  # a name that merely starts like a share is not on it
    ("/Users/coord/Library/Application Support/ln-scheduler/ln_scheduler.sqlite3", "apfs"),
])
def test_macos_volumes_are_told_apart(path: str, fstype: str) -> None:
    mount = covering_mount(path, MACOS_VOLUMES, posixpath)
    assert mount is not None and mount.fstype == fstype
    assert mount.is_network is (fstype in ("smbfs", "afpfs"))


@pytest.mark.parametrize("path", [PureWindowsPath(r"\\fileserver\study\site.sqlite3"),
                                  PureWindowsPath("//fileserver/study/site.sqlite3")])
def test_a_windows_unc_path_is_refused_before_any_mount_is_read(path: PureWindowsPath) -> None:
    with pytest.raises(StoreConfigError, match="network share"):
        check_not_network_share(path, mounts=[])  # type: ignore[arg-type]


def test_the_mounts_come_from_psutil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(location, "on_a_block_device", lambda _target: False)  # as no network share is
    part = namedtuple("part", "device mountpoint fstype opts")
    monkeypatch.setattr(psutil, "disk_partitions", lambda all=False: [
        part("/dev/sda1", "/", "ext4", "rw"), part("//srv/study", str(tmp_path), "cifs", "rw")])
    with pytest.raises(StoreConfigError, match="on a cifs mount"):
        check_not_network_share(tmp_path / "site.sqlite3")
    monkeypatch.setattr(psutil, "disk_partitions", lambda all=False: [part("/dev/sda1", "/", "ext4", "rw")])
    check_not_network_share(tmp_path / "site.sqlite3")


def test_a_file_on_a_linux_disk_is_local_without_reading_the_mounts(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """psutil costs ~5 ms to import at every start; a disk's file system is never a network one."""
    def unread(all: bool = False) -> list[object]:
        raise AssertionError("the mounts were read")

    disk, share = tmp_path / "disk", tmp_path / "share"
    disk.mkdir()
    share.mkdir()
    monkeypatch.setattr(psutil, "disk_partitions", unread)
    monkeypatch.setattr(location, "on_a_block_device", lambda target: target == str(disk.resolve()))
    check_not_network_share(disk / "site.sqlite3")
    check_not_network_share(disk / "new" / "site.sqlite3")  # not made yet: the folder that exists counts
    with pytest.raises(AssertionError, match="the mounts were read"):  # elsewhere the mounts are read
        check_not_network_share(share / "site.sqlite3")


def test_only_a_file_system_with_a_device_number_major_is_on_a_block_device(monkeypatch: pytest.MonkeyPatch) -> None:
    """NFS, SMB, 9p, AFS and FUSE file systems are "nodev" ones, numbered with major 0 like
    tmpfs and procfs; a disk's (sda1: 8, 1) has a major."""
    real_stat = location.os.stat
    devices = {"/disk": location.os.makedev(8, 1), "/share": location.os.makedev(0, 53)}

    def stat(path: str, *args: object, **kwargs: object) -> object:
        if path in devices:
            return type("Stat", (), {"st_dev": devices[path]})()
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(location.sys, "platform", "linux")
    monkeypatch.setattr(location.os, "stat", stat)
    assert location.on_a_block_device("/disk")
    assert not location.on_a_block_device("/share")
    assert not location.on_a_block_device("/proc")  # procfs: nodev
    assert not location.on_a_block_device("/no/such/folder")  # in doubt: the mounts are read
    monkeypatch.setattr(location.sys, "platform", "win32")
    assert not location.on_a_block_device("/disk")  # Windows and macOS: always the mounts


def test_settings_data_and_key_folders_come_from_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    appdata = r"C:\Users\coord\AppData"
    monkeypatch.delenv(location.ENV_CONFIG_DIR, raising=False)
    monkeypatch.delenv(location.ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(audit_key.ENV_AUDIT_KEY, raising=False)
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda name, appauthor=None: rf"{appdata}\Roaming\{name}")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name, appauthor=None: rf"{appdata}\Local\{name}")
    assert str(location.settings_path()).startswith(rf"{appdata}\Roaming\ln-scheduler")
    assert str(location.default_sqlite_path()).startswith(rf"{appdata}\Local\ln-scheduler")
    assert str(audit_key.key_path()).startswith(rf"{appdata}\Roaming\ln-scheduler")
