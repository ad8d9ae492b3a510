"""Fuzzing the readers: random bytes and random mutations of valid files. Whatever the input, the only exception
that may escape is the project's own typed error (an SvsgError subclass); a successful read gives sane lines."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svsg_desktop.core.errors import SvsgError
from svsg_desktop.core.io import load_labeled_csv, load_project, load_subtitles
from svsg_desktop.core.io.project_csv import project_csv_bytes
from svsg_desktop.core.lines import Line
from svsg_desktop.core.project import Project

from .io_samples import ASS_EVENTS, ASS_HEADER, SRT, VTT

HARUHI = "人物,人物台词,开始时间,结束时间\r\n春日,你好,0:03:21.08,0:03:23.50\r\n阿虚,\"嗯，\r\n好\",0:03:24.00,0:03:25.00\r\n"
ENGLISH = "start,end,speaker,text,location\n1.5,2.0,Haruhi,はい,classroom\n0:00:03.000,0:00:04.000,Kyon,いいえ,\n"
PROJECT = project_csv_bytes(Project.from_lines(
    [Line(f"L{i:05d}", i * 1000, i * 1000 + 900, f"台詞{i}", speaker="春日" if i % 2 else "キョン")
     for i in range(6)]))

VALID = {
    ".srt": [SRT.encode("utf-8"), SRT.encode("gb18030", "replace"), SRT.encode("utf-16")],
    ".ass": [(ASS_HEADER + ASS_EVENTS).encode("utf-8-sig")],
    ".vtt": [VTT.encode("utf-8")],
    ".csv": [HARUHI.encode("utf-8-sig"), HARUHI.encode("gbk"), ENGLISH.encode("shift_jis"), PROJECT],
}
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_read(path, data: bytes, reader) -> None:
    path.write_bytes(data)
    try:
        result = reader(path)
    except SvsgError:
        return
    lines = result.lines if hasattr(result, "lines") and isinstance(result.lines, list) else list(result.ordered())
    for ln in lines:
        assert isinstance(ln, Line) and 0 <= ln.start <= ln.end and isinstance(ln.text, str)


@st.composite
def mutated(draw, valid: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(valid)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup", "lines", "token"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 40))]
        elif op == "dup":
            n = draw(st.integers(1, 60))
            data[pos:pos] = data[pos:pos + n]
        elif op == "lines":
            rows = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(rows) - 1))
            rows[i], rows[j] = rows[j], rows[i]
            data = bytearray(b"\n".join(rows))
        else:
            token = draw(st.sampled_from(["-", "-->", ",", ":", "\n\n", "\"", "{\\p1}", "{", "<v ", "-0:00:01.00",
                                          "99:99:99,999", "Dialogue: ", "[Events]", "WEBVTT", "\ufeff", "ハルヒ：",
                                          "\x00", "\r", "1e9", "nan"]))
            data[pos:pos] = token.encode("utf-8")
    return bytes(data)


@SETTINGS
@given(data=st.binary(max_size=400), ext=st.sampled_from([".srt", ".ass", ".vtt", ".csv", ".rttm", ".txt"]))
def test_random_bytes(tmp_path, data, ext):
    check_read(tmp_path / f"f{ext}", data, load_subtitles)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8"))))
def test_random_bytes_project(tmp_path, data):
    check_read(tmp_path / "p.csv", data, load_project)


@SETTINGS
@given(data=mutated(VALID[".srt"]))
def test_mutated_srt(tmp_path, data):
    check_read(tmp_path / "m.srt", data, load_subtitles)


@SETTINGS
@given(data=mutated(VALID[".ass"]))
def test_mutated_ass(tmp_path, data):
    check_read(tmp_path / "m.ass", data, load_subtitles)


@SETTINGS
@given(data=mutated(VALID[".vtt"]))
def test_mutated_vtt(tmp_path, data):
    check_read(tmp_path / "m.vtt", data, load_subtitles)


@SETTINGS
@given(data=mutated(VALID[".csv"]))
def test_mutated_csv(tmp_path, data):
    check_read(tmp_path / "m.csv", data, load_labeled_csv)
    check_read(tmp_path / "m.csv", data, load_project)


def test_bom_only_variants(tmp_path):
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE):
        check_read(tmp_path / "b.srt", bom + b"\x00\x00garbage", load_subtitles)
