"""``svsg import`` and ``svsg export`` end to end (in-process, real files)."""

from __future__ import annotations

import pytest

from svsg_desktop.cli import main
from svsg_desktop.core.io import load_project, load_subtitles

from tests.core.io.io_samples import ASS_EVENTS, ASS_HEADER


def test_import_then_export_every_format(tmp_path, capsys):
    src = tmp_path / "第1話.ass"
    src.write_text(ASS_HEADER + ASS_EVENTS, encoding="utf-8")
    out = tmp_path / "第1話.csv"
    assert main(["import", str(src), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "format:    ass" in text and "encoding:  utf-8" in text and "7 (3 dialogue, 4 non-dialogue" in text
    assert "warning:   1 Comment event(s) were not imported" in text
    project = load_project(out)
    assert project.subtitles == str(src) and {c.name for c in project.clusters.values()} == {"春日", "キョン", "长门"}
    for fmt in ("csv", "haruhi-csv", "haruhi-txt", "ass", "srt", "vtt", "rttm"):
        target = tmp_path / f"out-{fmt}"
        assert main(["export", str(out), "--format", fmt, "--out", str(target)]) == 0
        assert target.stat().st_size > 0
        assert f"({fmt})" in capsys.readouterr().out
    again = load_subtitles(tmp_path / "out-srt").lines      # SRT has no flags: signs come back as plain lines
    assert [(ln.text, ln.speaker) for ln in again if ln.speaker] == \
        [("我对普通的人类没有兴趣。\n普通の人間には興味ありません。", "春日"), ("やれやれだ な", "キョン"), ("……", "长门")]


def test_import_refuses_to_overwrite_and_reports_errors(tmp_path, capsys):
    good = tmp_path / "a.srt"
    good.write_text("1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n2\n00:00:03,000 --> 00:00:04,000\nA: yo\n",
                    encoding="utf-8")
    out = tmp_path / "a.csv"
    assert main(["import", str(good), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", str(good), "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    bad = tmp_path / "b.srt"
    bad.write_text("1\n00:00:05,000 --> 00:00:02,000\nreversed\n", encoding="utf-8")
    assert main(["import", str(bad), "--out", str(tmp_path / "b.csv")]) == 1
    err = capsys.readouterr().err
    assert "b.srt, line 2" in err and "before it starts" in err


def test_import_checks_cues_against_the_video(tmp_path, capsys, repo_root):
    video = repo_root / "resources" / "demo" / "demo.mp4"
    if not video.exists():
        pytest.skip("demo video not built in this checkout")
    subs = tmp_path / "late.srt"
    subs.write_text("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n99:00:00,000 --> 99:00:01,000\nlate\n",
                    encoding="utf-8")
    assert main(["import", str(subs), "--out", str(tmp_path / "p.csv"), "--video", str(video)]) == 0
    out = capsys.readouterr().out
    assert "start after the video ends" in out
    assert load_project(tmp_path / "p.csv").video == str(video.absolute())


def test_export_unknown_format_is_an_argparse_error(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["export", str(tmp_path / "p.csv"), "--format", "docx"])
