"""``svsg export`` never writes over a source (subtitles, video) or the project itself, and its default names
never collide with them."""

from __future__ import annotations

import pytest

from svsg_desktop.cli import main
from svsg_desktop.core.io import export_project, load_project

SRT = "1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n2\n00:00:03,000 --> 00:00:04,000\nB: yo\n"
ASS = ("[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize\nStyle: Default,Arial,20\n\n"
       "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
       "Dialogue: 0,0:00:01.00,0:00:02.00,Default,A,0,0,0,,hi\n")


@pytest.fixture
def demo(tmp_path, capsys):
    """``demo.csv`` imported from ``demo.srt``, with ``demo.ass`` and ``demo.vtt`` sources beside it."""
    srt = tmp_path / "demo.srt"
    srt.write_text(SRT, encoding="utf-8")
    (tmp_path / "demo.ass").write_text(ASS, encoding="utf-8")
    (tmp_path / "demo.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nmine\n", encoding="utf-8")
    out = tmp_path / "demo.csv"
    assert main(["import", str(srt), "--out", str(out)]) == 0
    capsys.readouterr()
    return out


def _sources(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("fmt", ["ass", "srt", "vtt", "csv", "haruhi-csv", "haruhi-txt", "rttm"])
def test_default_export_name_never_overwrites_a_source_or_the_project(demo, capsys, fmt):
    before = _sources(demo.parent)
    assert main(["export", str(demo), "--format", fmt]) == 0
    after = _sources(demo.parent)
    assert {k: after[k] for k in before} == before, "an existing file was overwritten"
    new = set(after) - set(before)
    assert len(new) == 1, new
    assert new.pop() in capsys.readouterr().out


def test_export_refuses_to_replace_the_project(demo, capsys):
    before = demo.read_bytes()
    assert main(["export", str(demo), "--format", "srt", "--out", str(demo), "--force"]) == 1
    assert "over an input file" in capsys.readouterr().err
    assert demo.read_bytes() == before
    assert len(load_project(demo)) == 2


def test_export_refuses_to_replace_the_source_subtitles(demo, capsys):
    src = demo.with_name("demo.srt")
    before = src.read_bytes()
    assert main(["export", str(demo), "--format", "srt", "--out", str(src), "--force"]) == 1
    assert src.read_bytes() == before
    with pytest.raises(Exception, match="input file"):          # the core refuses too (the app's export)
        export_project(load_project(demo), src, "srt")
    assert src.read_bytes() == before


def test_export_refuses_an_existing_file_without_force(demo, capsys):
    other = demo.with_name("notes.txt")
    other.write_text("my notes", encoding="utf-8")
    assert main(["export", str(demo), "--format", "haruhi-txt", "--out", str(other)]) == 1
    assert "already exists (use --force" in capsys.readouterr().err
    assert other.read_text(encoding="utf-8") == "my notes"
    assert main(["export", str(demo), "--format", "haruhi-txt", "--out", str(other), "--force"]) == 0
    assert other.read_text(encoding="utf-8-sig") != "my notes"
