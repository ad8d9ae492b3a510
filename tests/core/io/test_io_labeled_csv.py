"""Labeled CSVs: Chat-Haruhi and English headers, extra columns, the demo truth CSV, errors with line numbers."""

from __future__ import annotations

import pytest

from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io import load_labeled_csv, load_subtitles
from svsg_desktop.core.lines import Flag

HARUHI = ("人物,人物台词,开始时间,结束时间\r\n"
          "春日,我对普通的人类没有兴趣。,0:03:21.08,0:03:23.5\r\n"
          "阿虚,\"真是的，\r\n这家伙\",0:03:24.00,0:03:25.00\r\n"
          ",（歌词）,0:03:26.00,0:03:27.00\r\n")


def test_haruhi_csv(write):
    r = load_labeled_csv(write("h.csv", HARUHI, "utf-8-sig"))
    assert r.format == "haruhi-csv" and r.encoding == "utf-8-sig"
    assert [(ln.start, ln.end) for ln in r.lines] == [(201080, 203500), (204000, 205000), (206000, 207000)]
    assert [ln.speaker for ln in r.lines] == ["春日", "阿虚", ""]
    assert r.lines[1].text == "真是的，\n这家伙"
    assert [ln.id for ln in r.lines] == ["L00001", "L00002", "L00003"]


def test_english_csv_with_extra_columns_and_seconds(write):
    text = ("start,end,speaker,text,location,visible\n"
            "1.5,2.25,Haruhi,ただの人間には興味ありません,classroom,Haruhi\n"
            "0:00:03.000,0:00:04.000,Kyon,やれやれ,club room,\n")
    r = load_labeled_csv(write("t.csv", text))
    assert r.format == "csv"
    assert [(ln.start, ln.end, ln.speaker) for ln in r.lines] == [(1500, 2250, "Haruhi"), (3000, 4000, "Kyon")]
    assert r.extra_columns == ["location", "visible"]
    assert r.extras["L00001"] == {"location": "classroom", "visible": "Haruhi"}
    assert r.extras["L00002"] == {"location": "club room", "visible": ""}


def test_demo_truth_csv(repo_root):
    truth = repo_root / "resources" / "demo" / "demo_truth.csv"
    if not truth.exists():
        pytest.skip("demo episode not built in this checkout")
    r = load_subtitles(truth)
    assert r.format == "csv" and "location" in r.extra_columns and "visible" in r.extra_columns
    signs = [ln for ln in r.lines if not ln.is_dialogue]
    assert signs and all(ln.style == "Sign" and ln.speaker == "" for ln in signs)
    assert all(ln.speaker for ln in r.lines if ln.is_dialogue)
    srt = load_subtitles(truth.with_name("demo.srt"))
    assert [(a.start, a.end) for a in srt.lines] == [(b.start, b.end) for b in r.lines]


@pytest.mark.parametrize("text, line, match", [
    ("start,end,speaker,text\n0:00:02.000,0:00:01.000,A,x\n", 2, "ends"),
    ("start,end,speaker,text\n0:00:01.000,0:00:02.000,A,x\n-1,0:00:02.000,B,y\n", 3, "negative"),
    ("start,end,speaker,text\n0:00:01.000,soon,A,x\n", 2, "not a time"),
    ("start,end,speaker,text\n0:00:01.000,0:00:02.000,A,x,extra\n", 2, "5 values"),
    ("foo,bar\n1,2\n", 1, "unknown CSV columns"),
    ("start,end,speaker,text\n", None, "no rows"),
    ("start,end,start,text\n1,2,3,x\n", 1, "appears twice"),
    ("人物,人物台词,开始时间,结束时间\n春日,你好,0:00:61.00,0:01:02.00\n", 2, "out of range"),
])
def test_bad_csv(write, text, line, match):
    p = write("bad.csv", text)
    with pytest.raises(InputError, match=match) as exc:
        load_labeled_csv(p)
    assert exc.value.line == line and exc.value.path == str(p)


def test_flags_column_understood(write):
    r = load_labeled_csv(write("f.csv", "start,end,speaker,text,flags\n1,2,,♪,non_dialogue\n3,4,A,x,\n"))
    assert r.lines[0].flags == {Flag.NON_DIALOGUE} and r.lines[1].flags == frozenset()
    with pytest.raises(InputError, match="unknown flag"):
        load_labeled_csv(write("g.csv", "start,end,speaker,text,flags\n1,2,,x,sign\n"))


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated(write, sep):
    text = sep.join(["start", "end", "speaker", "text"]) + "\n" + sep.join(["1.0", "2.0", "春日", "你好, 世界"]) + "\n"
    r = load_labeled_csv(write("s.csv", text))
    assert (r.lines[0].speaker, r.lines[0].text) == ("春日", "你好, 世界")
