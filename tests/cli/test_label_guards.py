"""``svsg label`` never writes over its inputs, never replaces an existing project without ``--force`` (and keeps
a backup when it does), and checks the ``--out`` folder before the slow pipeline runs."""

from __future__ import annotations

import shutil
import pytest

from svsg_desktop.cli import main


@pytest.fixture
def no_pipeline(monkeypatch):
    """Fails the test if the slow pipeline starts: the guards must run before it."""
    from svsg_desktop.core import workspace

    def refuse(*a, **k):
        raise AssertionError("the pipeline ran before the output was checked")
    monkeypatch.setattr(workspace, "label", refuse)


@pytest.fixture
def episode(tmp_path, repo_root):
    for name in ("demo.mp4", "demo.srt"):
        shutil.copy2(repo_root / "resources" / "demo" / name, tmp_path / name)
    return tmp_path / "demo.mp4", tmp_path / "demo.srt"


@pytest.mark.parametrize("which", ["video", "subs"])
def test_label_refuses_to_write_over_an_input(episode, capsys, which, no_pipeline):
    video, subs = episode
    target = video if which == "video" else subs
    before = target.read_bytes()
    assert main(["label", str(video), "--subs", str(subs), "--out", str(target), "-q", "--force"]) == 1
    err = capsys.readouterr().err
    assert "over an input file" in err
    assert target.read_bytes() == before


def test_label_refuses_to_write_over_the_subtitles_found_beside_the_video(episode, capsys, no_pipeline):
    video, subs = episode                       # no --subs: the lines come from demo.srt beside the video
    before = subs.read_bytes()
    assert main(["label", str(video), "--out", str(subs), "-q", "--force"]) == 1
    assert "over an input file" in capsys.readouterr().err
    assert subs.read_bytes() == before


def test_label_refuses_an_existing_project_without_force(episode, capsys, no_pipeline):
    video, subs = episode
    out = video.with_name("mine.csv")
    out.write_text("id,start,end,text\r\nL00001,0:00:01.000,0:00:02.000,my corrected work\r\n", encoding="utf-8")
    before = out.read_bytes()
    assert main(["label", str(video), "--subs", str(subs), "--out", str(out), "-q"]) == 1
    assert "already exists (use --force" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_label_checks_the_out_folder_before_the_pipeline(episode, capsys, no_pipeline):
    video, subs = episode
    assert main(["label", str(video), "--subs", str(subs), "--out", str(video.parent / "nope" / "p.csv"),
                 "-q"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "nope" in err


def test_label_force_replaces_a_project_but_keeps_a_backup(episode, capsys):
    video, subs = episode
    out = video.with_name("mine.csv")
    out.write_text("id,start,end,text\r\nL00001,0:00:01.000,0:00:02.000,my corrected work\r\n", encoding="utf-8")
    before = out.read_bytes()
    assert main(["label", str(video), "--subs", str(subs), "--out", str(out), "-q", "--force"]) == 0
    assert "backup" in capsys.readouterr().out
    backups = sorted(video.parent.glob("mine.backup-*.csv"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert out.read_bytes() != before


def test_a_second_label_run_on_the_same_project_is_refused_at_once(episode, capsys, no_pipeline):
    from ..core.io.lock_child import held_by_another_process

    video, subs = episode
    out = video.with_name("p.csv")
    with held_by_another_process(out) as pid:        # the first `svsg label --out p.csv` is still running
        assert main(["label", str(video), "--subs", str(subs), "--out", str(out), "-q", "--force"]) == 1
    err = capsys.readouterr().err
    assert "in use" in err and str(pid) in err
    assert not out.exists()
