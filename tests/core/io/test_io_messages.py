"""Messages that say what is wrong and where: a broken SRT time line (with its line number, never glued into the
previous cue), a CSV missing a required column (named), a full disk while saving (what is intact, where the data
is)."""

from __future__ import annotations

import errno
import os

import pytest

from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io import load_subtitles
from svsg_desktop.core.io.project_csv import load_project, save_project, sidecar_path
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project

BROKEN_SRT = ("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n"
              "2\n00:00:03,000 -> 00:00:04,000\nworld\n\n"
              "3\n00:00:05,000 --> 00:00:06,000\nbye\n")


@pytest.mark.parametrize("timing", ["00:00:03,000 -> 00:00:04,000", "00:00:03,000 --- 00:00:04,000",
                                    "00:00:03,000 —> 00:00:04,000", "00:00:03.000 > 00:00:04.000"])
def test_a_broken_srt_time_line_names_its_line_instead_of_gluing_the_cue(write, timing):
    p = write("ep.srt", BROKEN_SRT.replace("00:00:03,000 -> 00:00:04,000", timing))
    with pytest.raises(InputError, match=r"ep\.srt, line 6: cannot read the time line") as info:
        load_subtitles(p)
    assert info.value.code == "bad_time" and info.value.line == 6


def test_a_text_block_without_time_line_is_still_joined_with_a_note_naming_its_line(write):
    p = write("ep.srt", "1\n00:00:01,000 --> 00:00:02,000\nhello\n\nsecond paragraph\n\n"
                        "2\n00:00:05,000 --> 00:00:06,000\nbye\n")
    imp = load_subtitles(p)
    assert imp.lines[0].text == "hello\nsecond paragraph"
    assert any("line 5" in w for w in imp.warnings)


@pytest.mark.parametrize("header, missing", [
    ("人物,人物台词,开始时间", "结束时间"), ("start,speaker,text", "end"), ("人物,开始时间,结束时间", "人物台词"),
    ("speaker,end,text", "start"),
])
def test_a_csv_missing_a_required_column_says_which(write, header, missing):
    p = write("labels.csv", header + "\n" + ",".join(["甲", "0:00:01.000", "0:00:02.000"][: header.count(",") + 1])
              + "\n")
    with pytest.raises(InputError) as info:
        load_subtitles(p)
    assert f"lacks the required column {missing}" in str(info.value)
    assert "unknown" not in str(info.value) and info.value.code == "missing_column"


def _project(tag: str) -> Project:
    return Project.from_lines([Line("L00001", 0, 1000, f"{tag} hello", cluster=1)], video=f"{tag}.mkv")


def _disk_full_for(monkeypatch, marker: str):
    real = os.fsync

    def fsync(fd):
        try:
            name = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            name = ""
        if marker in name:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)
    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell the files apart")
def test_disk_full_on_the_csv_says_the_previous_file_is_intact(tmp_path, monkeypatch):
    path = tmp_path / "ep.csv"
    save_project(_project("old"), path)
    before = path.read_bytes()
    _disk_full_for(monkeypatch, ".ep.csv.")
    with pytest.raises(InputError) as info:
        save_project(_project("new"), path)
    msg = str(info.value)
    assert "disk is full" in msg and "previous ep.csv is intact" in msg
    assert path.read_bytes() == before


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell the files apart")
def test_disk_full_after_the_csv_was_replaced_says_what_was_saved(tmp_path, monkeypatch):
    path = tmp_path / "ep.csv"
    save_project(_project("old"), path)
    side_before = sidecar_path(path).read_bytes()
    _disk_full_for(monkeypatch, ".ep.svsg.json.")
    with pytest.raises(InputError) as info:
        save_project(_project("new"), path)
    msg = str(info.value)
    assert "ep.csv was saved" in msg and "previous ep.svsg.json is intact" in msg and "disk is full" in msg
    assert "cannot save" not in msg
    assert sidecar_path(path).read_bytes() == side_before
    monkeypatch.undo()
    assert load_project(path).lines["L00001"].text == "new hello"     # the new CSV wins over the old sidecar
