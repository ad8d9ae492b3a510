"""Atomic file replacement: readers see the old file or the new one, never a torn mix, even after a crash.

A temporary file is written in the same folder (same file system), flushed and ``fsync``-ed, then moved over the
target with ``os.replace`` (atomic on POSIX and Windows); the folder is ``fsync``-ed too where the OS allows it,
so the rename itself survives a power cut. The new file gets the old file's permission bits (or the umask's).
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import stat

from ..errors import InputError

log = logging.getLogger(__name__)

TMP_SUFFIX = ".svsg-tmp"


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    target = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise InputError("the folder does not exist", path=folder, code="no_such_folder")
    fd, tmp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.path.exists(target):  # keep the old file's permissions; a new file gets 0o666 minus the umask
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(tmp, target)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise _save_error(err, target) from None
        raise
    _fsync_dir(folder)


def _save_error(err: OSError, target: str) -> InputError:
    """What failed, and that nothing was lost: the old file is untouched until the new one is complete."""
    name = os.path.basename(target)
    intact = f"nothing was written, the previous {name} is intact" if os.path.exists(target) else \
        "nothing was written"
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return InputError(f"the disk is full ({err.strerror}): {intact}; free some space and save again",
                          path=target, code="disk_full")
    if isinstance(err, PermissionError):
        return InputError(f"cannot save ({err.strerror or err}): is the file open in another program? {intact}",
                          path=target, code="unwritable")
    return InputError(f"cannot save ({err.strerror or err}): {intact}", path=target, code="unwritable")


def atomic_write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8-sig") -> None:
    """Write ``text`` atomically. Line ends are written as given (CSV writers choose their own)."""
    atomic_write_bytes(path, text.encode(encoding))


def _create_temp(target: str) -> tuple[int, str]:
    folder, base = os.path.split(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}{TMP_SUFFIX}")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
        except OSError as err:
            raise InputError(f"cannot write in this folder ({err.strerror or err})", path=folder,
                             code="unwritable") from None
    raise InputError("cannot create a temporary file", path=folder, code="unwritable")


def _fsync_dir(folder: str) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; os.replace is still atomic there
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as err:  # some file systems refuse: the data itself was already synced
        log.debug("fsync of folder %s failed: %s", folder, err)
    finally:
        os.close(fd)


def stale_temp_files(path: str | os.PathLike) -> list[str]:
    """Leftover temporary files of an interrupted save of ``path`` (safe to delete; never read)."""
    target = os.path.abspath(os.fspath(path))
    folder, base = os.path.split(target)
    prefix = "." + base + "."
    try:
        return sorted(os.path.join(folder, n) for n in os.listdir(folder)
                      if n.startswith(prefix) and n.endswith(TMP_SUFFIX))
    except OSError:
        return []


def remove_stale_temp_files(path: str | os.PathLike, older_than_s: float = 600.0) -> int:
    """Delete temporary files that an interrupted save of ``path`` left behind (only old ones: a younger one may
    belong to a save still running). Returns how many were removed."""
    import time

    removed = 0
    for tmp in stale_temp_files(path):
        try:
            if time.time() - os.path.getmtime(tmp) > older_than_s:
                os.unlink(tmp)
                removed += 1
        except OSError:
            continue
    return removed
