"""``svsg import`` never writes over its source, keeps a backup of a project it replaces with ``--force``, and
reports an unreadable ``--video`` in plain words."""

from __future__ import annotations

from svsg_desktop.cli import main

SRT = "1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n2\n00:00:03,000 --> 00:00:04,000\nA: yo\n"


def test_import_never_writes_over_its_source(tmp_path, capsys):
    src = tmp_path / "a.srt"
    src.write_text(SRT, encoding="utf-8")
    assert main(["import", str(src), "--out", str(src), "--force"]) == 1
    assert "over an input file" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == SRT


def test_import_force_keeps_a_backup_of_the_replaced_project(tmp_path, capsys):
    src = tmp_path / "a.srt"
    src.write_text(SRT, encoding="utf-8")
    out = tmp_path / "a.csv"
    assert main(["import", str(src), "--out", str(out)]) == 0
    before = out.read_bytes()
    assert main(["import", str(src), "--out", str(out), "--force"]) == 0
    assert "backup" in capsys.readouterr().out
    backups = list(tmp_path.glob("a.backup-*.csv"))
    assert len(backups) == 1 and backups[0].read_bytes() == before


def test_import_checks_the_out_folder(tmp_path, capsys):
    src = tmp_path / "a.srt"
    src.write_text(SRT, encoding="utf-8")
    assert main(["import", str(src), "--out", str(tmp_path / "nope" / "a.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_import_with_an_empty_video_says_so(tmp_path, capsys):
    src = tmp_path / "a.srt"
    src.write_text(SRT, encoding="utf-8")
    video = tmp_path / "ep.mp4"
    video.write_bytes(b"")
    assert main(["import", str(src), "--out", str(tmp_path / "a.csv"), "--video", str(video)]) == 1
    err = capsys.readouterr().err
    assert "empty (0 bytes)" in err and "Errno" not in err
