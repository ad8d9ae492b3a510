"""Integration fixtures: a private Xvfb display per test (started here, on a free display number)."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest


def _start(exe: str, n: int) -> subprocess.Popen | None:
    proc = subprocess.Popen([exe, f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if proc.poll() is not None:          # lost a race for this display number (another Xvfb took it)
            return None
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            return None
        time.sleep(0.05)
    return proc


@pytest.fixture
def xvfb():
    """A fresh Xvfb on a free display; the test fails (never skips) when Xvfb is missing."""
    exe = shutil.which("Xvfb")
    assert exe, "Xvfb is not installed (apt-get install xvfb): the integration tests need it"
    proc = None
    for n in range(90, 200):
        if Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
            continue
        proc = _start(exe, n)
        if proc is not None:
            break
    assert proc is not None, "could not start Xvfb on any display :90…:199"
    yield f":{n}"
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
