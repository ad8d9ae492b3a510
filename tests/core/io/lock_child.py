"""A second svsg process that holds a project open (its lock) until the test lets it go."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

HOLDER = r"""
import sys
from svsg_desktop.core.io.lock import ProjectLock
lock = ProjectLock(sys.argv[1]).acquire()
print("ready", flush=True)
sys.stdin.read()          # hold it until the parent closes our stdin
lock.release()
"""


@contextlib.contextmanager
def held_by_another_process(project: Path):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(project)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout.readline().strip() == b"ready", "the lock holder failed to start"
        yield proc.pid
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()


def dead_pid() -> int:
    """The pid of a process that has exited (and was reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
