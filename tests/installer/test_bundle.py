"""The frozen bundle: build it with PyInstaller (or reuse one newer than every input), then run the smoke test of
installer/smoke_test.py against it, and install/uninstall it per-user with installer/linux/install.sh.

Slow (the first build also compiles the bundle's one FFmpeg and PyAV against it, reused afterwards; a PyInstaller
build is 3-17 minutes on the shared 2-core machine) but never skipped: CI builds the bundle from the clean clone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "svsg"
INPUTS = ["svsg_desktop", "installer", "models", "resources", "pyproject.toml"]

pytestmark = pytest.mark.slow


def _newest_input_mtime() -> float:
    newest = 0.0
    for name in INPUTS:
        path = ROOT / name
        paths = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for p in paths:
            if "__pycache__" in p.parts or p.suffix == ".pyc" or p.name.startswith("."):
                continue
            newest = max(newest, p.stat().st_mtime)
    return newest


def _bundle_is_fresh() -> bool:
    """build.sh touches dist/svsg.build-started when it starts freezing (and keeps it only when the build ends)."""
    stamp = BUNDLE.parent / "svsg.build-started"
    return (stamp.is_file() and (BUNDLE / "svsg").is_file() and (BUNDLE / "svsg-desktop").is_file()
            and stamp.stat().st_mtime > _newest_input_mtime())


@pytest.fixture(scope="module")
def bundle() -> Path:
    if os.environ.get("SVSG_REBUILD_BUNDLE") == "1" or not _bundle_is_fresh():
        proc = subprocess.run(["bash", "installer/build.sh", "--no-archive", "--skip-setup"], cwd=ROOT,
                              capture_output=True, text=True, timeout=3600)  # a first build compiles FFmpeg + PyAV
        assert proc.returncode == 0, f"build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    assert (BUNDLE / "svsg").is_file() and (BUNDLE / "svsg-desktop").is_file()
    return BUNDLE


def test_frozen_bundle_passes_smoke_test(bundle: Path, tmp_path: Path) -> None:
    report = tmp_path / "smoke.json"
    # the smoke test needs only the standard library: run it with the system python, away from the venv
    python = shutil.which("python3") or sys.executable
    proc = subprocess.run([python, str(ROOT / "installer" / "smoke_test.py"), "--bundle", str(bundle),
                           "--work", str(tmp_path / "work"), "--json", str(report)],
                          cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=1500)
    print(proc.stdout[-6000:])
    assert proc.returncode == 0, f"smoke test failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}"
    data = json.loads(report.read_text(encoding="utf-8"))
    names = {r["name"] for r in data["results"] if r["ok"] and not r.get("skipped")}
    # the parts the issue asks for really ran
    for needed in ("runs frozen, nothing loaded from outside", "models + manifest bundled",
                   "VLC plays demo in a Qt window (Xvfb)", "app opens demo offscreen", "app opens demo under Xvfb",
                   "exported CSV has labeled lines", "Chat-Haruhi CSV readable", "UI translations bundled",
                   "CLI sub-commands found frozen (pkgutil)", "logs free of ERROR/Traceback",
                   "one FFmpeg shared by VLC and PyAV", "CLI: codec outside the bundle's FFmpeg"):
        assert needed in names, f"smoke step missing or failed: {needed}"
    assert any(n.startswith("bundle size <= ") for n in names), "the size ceiling was not checked or was exceeded"


def test_linux_bundle_has_one_executable(bundle: Path) -> None:
    """svsg-desktop is a relative link to svsg (the launcher picks the app by the name it was started under)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("two executables (windowed + console) on Windows and macOS")
    link = bundle / "svsg-desktop"
    assert link.is_symlink() and os.readlink(link) == "svsg"
    assert not (bundle / "svsg").is_symlink()


def test_per_user_install_and_uninstall(bundle: Path, tmp_path: Path) -> None:
    stage = ROOT / "build" / "test-install-stage"  # same file system as dist/: hard links, no copying
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    subprocess.run(["cp", "-al", str(bundle), str(stage / "svsg")], check=True)
    for f in ("install.sh", "svsg-desktop.desktop"):
        shutil.copy2(ROOT / "installer" / "linux" / f, stage / f)
    prefix = tmp_path / "prefix"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PREFIX": str(prefix)}
    try:
        out = subprocess.run(["sh", str(stage / "install.sh")], env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        desktop = (prefix / "share" / "applications" / "svsg-desktop.desktop").read_text(encoding="utf-8")
        exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
        target = Path(exec_line.split("=", 1)[1].split()[0])
        assert target.is_file() and os.access(target, os.X_OK), exec_line
        # the linked CLI runs from the installed copy, not from dist/ or the venv
        info = subprocess.run([str(prefix / "bin" / "svsg")], env={**env, "SVSG_BUNDLE_SELFTEST": "info"},
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert info.returncode == 0, info.stderr
        data = json.loads(info.stdout[info.stdout.index("{"):])
        assert Path(data["bundle"]).resolve().is_relative_to((prefix / "share" / "svsg").resolve())
        assert data["frozen"] and not data["modules_outside_bundle"]
        helped = subprocess.run([str(prefix / "bin" / "svsg"), "--help"], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=120)
        assert helped.returncode == 0 and "usage: svsg" in helped.stdout
        out = subprocess.run(["sh", str(stage / "install.sh"), "--uninstall"], env=env, capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert not (prefix / "share" / "svsg").exists()
        assert not (prefix / "bin" / "svsg").exists() and not (prefix / "bin" / "svsg-desktop").exists()
        assert not (prefix / "share" / "applications" / "svsg-desktop.desktop").exists()
    finally:
        shutil.rmtree(stage, ignore_errors=True)
