"""`svsg label` and `svsg batch` through the workspace: subtitles found beside the video (or ``--vad``), the one
project CSV name, the one feature cache, and every video kind the app opens (.mpg/.wmv included)."""

from __future__ import annotations

import shutil
from pathlib import Path

from svsg_desktop.cli import main
from svsg_desktop.core.features import FeatureSet
from svsg_desktop.core.io.project_csv import load_project

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def test_label_with_vad_ignores_the_subtitles_beside(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SVSG_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("demo.mp4", "demo.srt"):
        shutil.copy2(DEMO / name, tmp_path / name)
    assert main(["label", str(tmp_path / "demo.mp4"), "--vad", "-q"]) == 0
    out = capsys.readouterr().out
    assert "lines from voice activity" in out and "demo.mp4.svsg.csv" in out
    project = load_project(tmp_path / "demo.mp4.svsg.csv")
    assert project.subtitles is None and len(project) > 5
    assert any((tmp_path / "cache").rglob("*.npz"))                 # the default cache, not none


def test_batch_takes_every_video_kind_the_app_opens(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SVSG_CACHE_DIR", str(tmp_path / "cache"))
    season = tmp_path / "season"
    season.mkdir()
    for name in ("ep01.mpg", "ep02.wmv"):
        shutil.copy2(DEMO / "demo.mp4", season / name)       # the container is probed, not guessed from the name
    shutil.copy2(DEMO / "demo.srt", season / "ep01.srt")
    shutil.copy2(DEMO / "demo.srt", season / "ep02.srt")
    assert main(["batch", str(season), "-q"]) == 0
    assert "done 2, already done 0, failed 0 of 2" in capsys.readouterr().out
    assert len(FeatureSet.load(season / "features" / "ep01.npz")) == 25
    assert len(FeatureSet.load(season / "features" / "ep02.npz")) == 25
