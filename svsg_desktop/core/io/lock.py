"""One writer per project: a lock file ``NAME.svsg.lock`` beside the project CSV.

The lock file holds the owner's pid, host name, boot id and process start time (Linux) and the time as JSON. It is created
atomically (written to a temporary file, then hard-linked to its name, which fails when the name exists), so a
reader never sees a half-written lock. A lock is *stale*, and taken over, when its owner ran on this host and is
no longer running (its pid is gone or belongs to a newer process, or the machine has rebooted since); a lock from another host is never taken
over automatically (the message names the host and says which file to delete).

Locks are re-entrant within a process: :func:`project_lock` on a project this process already holds does
nothing, so ``save_project`` (which takes the lock for the CSV + sidecar pair) works inside a session (the app,
``svsg label``) that holds the lock for longer.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".svsg.lock"
UNREADABLE_GRACE_S = 10.0     # a lock file that cannot be parsed is stale once this old (its writer crashed)

_held: dict[str, "ProjectLock"] = {}
_held_guard = threading.Lock()


def lock_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.stem + LOCK_SUFFIX)


def _boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def _proc_start(pid: int) -> str:
    """When process ``pid`` started (Linux: clock ticks since boot, field 22 of /proc/PID/stat; else "")."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (errs on the side of "alive")."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000 | 0x00100000, False, pid)   # QUERY_LIMITED_INFORMATION | SYNCHRONIZE
        if not handle:
            return kernel.GetLastError() == 5      # access denied: it exists
        try:
            return kernel.WaitForSingleObject(handle, 0) == 0x102   # WAIT_TIMEOUT: still running
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    since: str
    boot: str = ""
    started: str = ""          # the owner process's start time (Linux), so a reused pid is not taken for it

    @classmethod
    def me(cls) -> "LockOwner":
        pid = os.getpid()
        return cls(pid, socket.gethostname(), time.strftime("%Y-%m-%d %H:%M:%S"), _boot_id(), _proc_start(pid))

    def to_bytes(self) -> bytes:
        return json.dumps({"app": "svsg", "pid": self.pid, "host": self.host, "since": self.since,
                           "boot": self.boot, "started": self.started}).encode("utf-8")

    @classmethod
    def read(cls, path: Path) -> "LockOwner | None":
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            return cls(int(d["pid"]), str(d["host"]), str(d.get("since", "")), str(d.get("boot", "")),
                       str(d.get("started", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def is_stale(self) -> bool:
        if self.host != socket.gethostname():
            return False                      # cannot tell: never take over another computer's lock
        if self.boot and _boot_id() and self.boot != _boot_id():
            return True                       # the machine rebooted since: the pid means nothing now
        if not pid_alive(self.pid):
            return True
        now = _proc_start(self.pid)
        return bool(self.started and now and now != self.started)   # the pid now belongs to another process


class ProjectLocked(InputError):
    """The project is open for writing in another svsg (another window, another command)."""

    code = "locked"

    def __init__(self, project: Path, lock: Path, owner: LockOwner | None) -> None:
        if owner is None:
            why = "another svsg is opening it right now"
        elif owner.host == socket.gethostname():
            why = f"it is open in another svsg (process {owner.pid}, since {owner.since}): close it there first"
        else:
            why = (f"it is open in svsg on the computer {owner.host!r} (process {owner.pid}, since {owner.since}): "
                   f"close it there; if svsg no longer runs there, delete {lock.name}")
        super().__init__(f"the project is in use: {why}", path=str(project), code="locked",
                         owner_pid=owner.pid if owner else None, owner_host=owner.host if owner else None)
        self.owner = owner


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


class ProjectLock:
    """The lock of one project CSV. ``acquire()`` raises :class:`ProjectLocked`; ``release()`` is idempotent."""

    def __init__(self, project: str | os.PathLike) -> None:
        self.project = Path(project)
        self.path = lock_path(self.project)
        self.owner: LockOwner | None = None

    @property
    def held(self) -> bool:
        return self.owner is not None

    def acquire(self) -> "ProjectLock":
        me = LockOwner.me()
        for _ in range(5):
            if self._create(me):
                self.owner = me
                with _held_guard:
                    _held[_key(self.path)] = self
                return self
            other = LockOwner.read(self.path)
            if other is not None and other.pid == me.pid and other.host == me.host:
                self.owner = other            # ours (a lock object of this process that was not released)
                with _held_guard:
                    _held[_key(self.path)] = self
                return self
            if not self._stale(other):
                raise ProjectLocked(self.project, self.path, other)
            self._break(other)
        raise ProjectLocked(self.project, self.path, LockOwner.read(self.path))

    def release(self) -> None:
        if self.owner is None:
            return
        with _held_guard:
            if _held.get(_key(self.path)) is self:
                del _held[_key(self.path)]
        current = LockOwner.read(self.path)
        if current is not None and (current.pid, current.host) == (self.owner.pid, self.owner.host):
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        self.owner = None

    def __enter__(self) -> "ProjectLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    # -- internals ----------------------------------------------------------------------------------------------
    def _create(self, me: LockOwner) -> bool:
        """Create the lock file with its content in one step; False when it exists."""
        folder = self.path.parent
        if not folder.is_dir():
            raise InputError("the folder does not exist", path=str(folder), code="no_such_folder")
        tmp = folder / f".{self.path.name}.{secrets.token_hex(4)}.tmp"
        try:
            tmp.write_bytes(me.to_bytes())
            try:
                os.link(tmp, self.path)
                return True
            except FileExistsError:
                return False
            except OSError:               # no hard links here (FAT, some shares): exclusive create instead
                try:
                    fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                except FileExistsError:
                    return False
                with os.fdopen(fd, "wb") as fh:
                    fh.write(me.to_bytes())
                return True
        except OSError as err:
            if isinstance(err, FileExistsError):
                return False
            raise InputError(f"cannot write in this folder ({err.strerror or err}): the project cannot be saved "
                             "here", path=str(folder), code="unwritable") from None
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _stale(self, owner: LockOwner | None) -> bool:
        if owner is not None:
            return owner.is_stale()
        try:            # unreadable: being written right now, or left half-written by a crash long ago
            return time.time() - self.path.stat().st_mtime > UNREADABLE_GRACE_S
        except OSError:
            return True   # gone meanwhile: try again

    def _break(self, stale: LockOwner | None) -> None:
        """Remove a stale lock. It is first renamed (only one process can rename a given file), then checked to
        be the one judged stale; a fresh lock renamed by mistake is put back."""
        aside = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.stale")
        try:
            os.rename(self.path, aside)
        except OSError:
            return            # someone else broke it first
        if LockOwner.read(aside) != stale:
            with contextlib.suppress(OSError):
                os.link(aside, self.path)
        with contextlib.suppress(OSError):
            os.unlink(aside)
        log.warning("took over the lock of %s left by %s", self.project,
                    f"process {stale.pid} (no longer running)" if stale else "an interrupted start")


@contextlib.contextmanager
def project_lock(path: str | os.PathLike) -> Iterator[ProjectLock | None]:
    """Hold the project's lock for a block (nothing to do when this process already holds it)."""
    with _held_guard:
        mine = _held.get(_key(lock_path(path)))
    if mine is not None:
        yield mine
        return
    with ProjectLock(path) as lock:
        yield lock


def holds_lock(path: str | os.PathLike) -> bool:
    with _held_guard:
        return _key(lock_path(path)) in _held
