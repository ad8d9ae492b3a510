"""Acceptance test of issue 12: the same episode (the bundled demo: video + ASS beside it) through ``svsg label``
and through the app (offscreen window, its controller and job runner) gives the same project file name, the same
groups and the same feature-cache hits — the CLI and the window share one workspace (core/workspace.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from svsg_desktop.cli import main
from svsg_desktop.core.features import cache as feature_cache
from svsg_desktop.core.io.project_csv import load_project
from tests.qt.conftest import isolated_settings  # noqa: F401 - autouse: never the user's QSettings

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def copy_episode(folder: Path) -> Path:
    folder.mkdir()
    for name in ("demo.mp4", "demo.ass"):
        shutil.copy2(DEMO / name, folder / name)
    return folder / "demo.mp4"


@pytest.fixture
def lookups(monkeypatch):
    """Every feature-cache lookup as (cache file, spans asked, spans missing): a spy, the cache works as ever."""
    seen: list[tuple[Path, int, int]] = []
    real = feature_cache.GroupCache.missing

    def missing(self, spans):
        out = real(self, spans)
        seen.append((self.path, len(spans), len(out)))
        return out

    monkeypatch.setattr(feature_cache.GroupCache, "missing", missing)
    return seen


def groups(project) -> dict[str, int | None]:
    return {lid: ln.cluster for lid, ln in project.lines.items()}


def files(cache: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*.npz")}


@pytest.mark.slow
def test_cli_and_app_give_the_same_file_groups_and_cache_hits(tmp_path, monkeypatch, qtbot, capsys, lookups):
    from svsg_desktop.qt.main_window import MainWindow
    from svsg_desktop.qt.video import NullBackend

    cache = tmp_path / "cache"
    monkeypatch.setenv("SVSG_CACHE_DIR", str(cache))      # the one default feature cache of both
    monkeypatch.setenv("SVSG_DATA_DIR", str(tmp_path / "data"))
    cli_video, app_video = copy_episode(tmp_path / "cli"), copy_episode(tmp_path / "app")

    # the command line, no options: subtitles found beside the video, default method, default cache
    assert main(["label", str(cli_video), "-q"]) == 0
    cli_csv = cli_video.parent / "demo.mp4.svsg.csv"
    out = capsys.readouterr().out
    assert str(cli_csv) in out and "lines from demo.ass" in out
    first = list(lookups)
    assert first and all(miss == asked > 0 for _, asked, miss in first)    # a cold cache: everything computed
    filled = files(cache)
    assert set(filled) == {path for path, _, _ in first}
    cli_project = load_project(cli_csv)
    assert cli_project.subtitles.endswith("demo.ass")

    # the app, on a copy of the same episode: open it, Tools ▸ Group speakers (the job runner), settings untouched
    lookups.clear()
    window = MainWindow(backend=NullBackend("tests"))
    window.quiet_errors = True
    qtbot.addWidget(window)
    assert window.open_video(app_video)
    with qtbot.waitSignal(window.jobs.busyChanged, timeout=300_000, check_params_cb=lambda busy: not busy):
        window.group_speakers()
    assert window.message.text().startswith("Grouped")
    app_hits = list(lookups)
    assert window.controller.flush(10)
    assert window.controller.path.name == cli_csv.name
    assert groups(load_project(window.controller.path)) == groups(cli_project)
    assert {path for path, _, _ in app_hits} == set(filled)
    assert all(miss == 0 for _, _, miss in app_hits)                       # every feature from the CLI's cache
    assert files(cache) == filled                                          # nothing recomputed, nothing rewritten

    # the CLI again (into another file: the project is never overwritten unasked): exactly the app's cache hits
    lookups.clear()
    assert main(["label", str(cli_video), "-q", "--out", str(tmp_path / "again.svsg.csv")]) == 0
    assert sorted(lookups, key=str) == sorted(app_hits, key=str)
    assert groups(load_project(tmp_path / "again.svsg.csv")) == groups(cli_project)

    # and the app reopens what the CLI wrote: the same groups in the window
    assert window.open_video(cli_video)
    assert window.controller.path == cli_csv
    assert groups(window.controller.project) == groups(cli_project)
    window.close()
