"""The one clip dataset (core/io/clips.py: `svsg clips` and the app's Export ▸ Clip dataset): named and grouped
lines, per-speaker folders, an index written last, nothing half-written after a cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import soundfile as sf

from svsg_desktop.core.errors import Cancelled, InputError
from svsg_desktop.core.io.clips import clip_speaker, export_clips
from svsg_desktop.core.io.subtitles import load_subtitles
from svsg_desktop.core.lines import Flag
from svsg_desktop.core.project import Project

DEMO = Path(__file__).resolve().parents[3] / "resources" / "demo"


@pytest.fixture
def project() -> Project:
    lines = load_subtitles(DEMO / "demo.srt").lines
    p = Project.from_lines([ln.with_(cluster=k % 2 + 1) for k, ln in enumerate(lines)], video=str(DEMO / "demo.mp4"))
    p.clusters[1].name = "春日/Haruhi"
    first = p.order[0]
    p.lines[first] = p.lines[first].with_(flags=frozenset({Flag.NON_DIALOGUE}), cluster=None)
    return p


def test_named_and_grouped_lines_are_filed_by_speaker(project, tmp_path):
    n, skipped = export_clips(project.video, project, tmp_path / "clips")
    rows = (tmp_path / "clips" / "list.txt").read_text(encoding="utf-8").splitlines()
    assert n == len(rows) == len(project) - 1 - len(skipped)           # the non-dialogue line has no clip
    speakers = {r.split("|")[1] for r in rows}
    assert speakers == {"春日/Haruhi", "Speaker 2"}
    assert sorted(p.name for p in (tmp_path / "clips").iterdir() if p.is_dir()) == ["Speaker 2", "春日_Haruhi"]
    for r in rows:
        data, sr = sf.read(tmp_path / "clips" / r.split("|")[0])
        assert sr == 16000 and data.ndim == 1 and len(data) > 0
    assert not list((tmp_path / "clips").rglob("*.part"))
    assert clip_speaker(project, project.order[0]) == ""


def test_a_cancelled_export_leaves_no_index_and_no_partial_file(project, tmp_path):
    cancel = threading.Event()

    def progress(fraction, stage):
        if stage == "writing clips" and fraction > 0.3:
            cancel.set()

    with pytest.raises(Cancelled):
        export_clips(project.video, project, tmp_path / "clips", progress=progress, cancel=cancel)
    out = tmp_path / "clips"
    assert not (out / "list.txt").exists() and not list(out.rglob("*.part"))
    assert 0 < len(list(out.rglob("*.wav"))) < len(project) - 1


def test_a_project_without_video_is_refused(project, tmp_path):
    with pytest.raises(InputError) as err:
        export_clips("", project, tmp_path / "clips")
    assert err.value.code == "no_video"
