"""Project CSV: exact round trip (snapshot), CSV-only restore, sidecar, errors, Excel-style re-encodings."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core.commands import MergeClusters, MoveLines, RenameCluster, SetFlag, SplitLines
from svsg_desktop.core.errors import InputError
from svsg_desktop.core.io import load_project, save_project, sidecar_path
from svsg_desktop.core.io.project_csv import COLUMNS
from svsg_desktop.core.lines import Flag, Line
from svsg_desktop.core.project import Cluster, Project


def make_project() -> Project:
    texts = ["我对普通的人类没有兴趣。\n普通の人間には興味ありません。", "やれやれ", 'comma, "quote"', "", "=1+1",
             "  leading space", "改行\r\nCRLF"]
    lines = [Line(f"L{i + 1:05d}", i * 1500, i * 1500 + 1234, texts[i % len(texts)],
                  speaker=["春日", "キョン", "", "長門"][i % 4], confidence=[None, 0.1 + 0.2 / 3, 1.0][i % 3],
                  style=["Default", "Dial-JP", ""][i % 3], source_index=i if i % 5 else None) for i in range(30)]
    p = Project.from_lines(lines, video="/媒体/涼宮ハルヒ 01.mkv", subtitles="/字幕/01.ass")
    SplitLines(("L00003", "L00007"), "").apply(p)               # unnamed group
    SetFlag(("L00010",), Flag.NON_DIALOGUE).apply(p)
    SetFlag(("L00011",), Flag.SEVERAL).apply(p)
    RenameCluster(p.line("L00001").cluster, "涼宮ハルヒ").apply(p)
    MoveLines(("L00002",), 99).apply(p)                        # a new empty-named group 99
    p.clusters[42] = Cluster(42, "朝比奈")                      # a named group with no lines yet
    p.corrections = [{"op": "move", "lines": ["L00002"], "cluster": 99}]
    return p


def test_round_trip_exact(tmp_path):
    p = make_project()
    path = tmp_path / "プロジェクト.csv"
    save_project(p, path)
    q = load_project(path)
    assert q.snapshot() == p.snapshot()
    assert q.corrections == p.corrections
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert sidecar_path(path).name == "プロジェクト.svsg.json"


def test_csv_alone_restores_lines_groups_names_pins(tmp_path):
    p = make_project()
    path = tmp_path / "p.csv"
    save_project(p, path)
    sidecar_path(path).unlink()
    q = load_project(path)
    assert sorted(q.lines.items()) == sorted(p.lines.items())
    used = {ln.cluster for ln in p.lines.values()} - {None}
    assert {c: q.clusters[c].name for c in q.clusters} == {c: p.clusters[c].name for c in used}
    assert q.video is None and q.order == p.order


def test_columns_and_readable_values(tmp_path):
    p = make_project()
    path = tmp_path / "p.csv"
    save_project(p, path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    first = rows[0]
    assert first["start"] == "0:00:00.000" and first["end"] == "0:00:01.234"
    assert first["speaker"] == "涼宮ハルヒ" and first["line_speaker"] == "春日" and first["pinned"] == "0"
    nd = next(r for r in rows if r["id"] == "L00010")
    assert nd["flags"] == "non_dialogue" and nd["cluster"] == "" and nd["pinned"] == "1"


def test_kept_groups_survive_the_csv_alone_and_older_files_read_as_not_kept(tmp_path):
    """A merge keeps its lines together (``kept``) without checking them: the CSV carries both states, and a
    CSV written before the column existed opens with nothing kept."""
    p = make_project()
    target = p.line("L00001").cluster
    MergeClusters(p.line("L00002").cluster, target).apply(p)
    merged = p.line_ids_in(target)
    path = tmp_path / "p.csv"
    save_project(p, path)
    sidecar_path(path).unlink()
    q = load_project(path)
    assert all(q.line(i).kept and q.line(i).cluster == target for i in merged)
    assert [i for i in merged if q.line(i).pinned] == [i for i in merged if p.line(i).pinned]
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    old = [c for c in COLUMNS if c != "kept"]
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=old, extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    assert not any(ln.kept for ln in load_project(path).lines.values())


def test_stale_sidecar_keeps_csv_truth(tmp_path, caplog):
    p = make_project()
    path = tmp_path / "p.csv"
    save_project(p, path)
    side = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    RenameCluster(p.line("L00001").cluster, "ハルヒ").apply(p)
    path.write_bytes(__import__("svsg_desktop.core.io.project_csv", fromlist=["x"]).project_csv_bytes(p))
    q = load_project(path)                       # CSV newer than the sidecar (interrupted between the two)
    assert q.clusters[p.line("L00001").cluster].name == "ハルヒ"
    assert q.video == side["video"]
    assert q.clusters[42].name == "朝比奈"          # a named group with no lines lives in the sidecar only: kept
    assert "another version" in caplog.text


@pytest.mark.parametrize("encoding", ["gb18030", "cp932", "utf-16"])
def test_resaved_by_spreadsheet_in_other_encoding(tmp_path, encoding):
    lines = [Line("L00001", 0, 1000, "你好" if encoding == "gb18030" else "こんにちは", speaker="甲"),
             Line("L00002", 1000, 2000, "再见" if encoding == "gb18030" else "さようなら", speaker="乙")]
    p = Project.from_lines(lines)
    path = tmp_path / "p.csv"
    save_project(p, path)
    text = path.read_bytes().decode("utf-8-sig")
    path.write_bytes(text.encode(encoding))
    assert load_project(path).snapshot()[:2] == p.snapshot()[:2]


@pytest.mark.parametrize("edit, message", [
    (lambda r: r.__setitem__("start", "0:00:0x.000"), "column 'start'"),
    (lambda r: r.__setitem__("end", "-0:00:01.000"), "negative time"),
    (lambda r: r.__setitem__("cluster", "three"), "whole number"),
    (lambda r: r.__setitem__("confidence", "high"), "confidence must be a number"),
    (lambda r: r.__setitem__("flags", "sign"), "unknown flag"),
    (lambda r: r.__setitem__("pinned", "maybe"), "pinned must be"),
    (lambda r: r.__setitem__("kept", "perhaps"), "kept must be"),
    (lambda r: r.__setitem__("cluster_name", "別名"), "is named"),
    (lambda r: r.__setitem__("id", "L00001"), "appears twice"),
])
def test_bad_rows_name_the_line(tmp_path, edit, message):
    p = make_project()
    path = tmp_path / "p.csv"
    save_project(p, path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    edit(rows[4])
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    raw = buf.getvalue()
    lineno = raw[: raw.index(rows[4]["text"] if rows[4]["text"] else rows[4]["start"])].count("\n") + 1
    with pytest.raises(InputError, match=message) as exc:
        load_project(path)
    assert exc.value.line is not None and abs(exc.value.line - lineno) <= 2


def test_labeled_csv_opens_as_project(tmp_path):
    path = tmp_path / "haruhi.csv"
    path.write_text("人物,人物台词,开始时间,结束时间\n春日,你好,0:00:01.00,0:00:02.50\n阿虚,嗯,0:00:03.00,0:00:04.00\n",
                    encoding="utf-8-sig")
    p = load_project(path)
    assert [p.speaker_of(i) for i in p.order] == ["春日", "阿虚"]


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**8), st.integers(0, 10**6), names, names,
                          st.one_of(st.none(), st.integers(1, 5)), st.one_of(st.none(), st.floats(0, 1)),
                          st.sets(st.sampled_from(list(Flag))), st.booleans(), st.booleans()), min_size=1,
                          max_size=12),
       st.dictionaries(st.integers(1, 8), names, max_size=8))
def test_round_trip_property(tmp_path_factory, rows, cluster_names):
    lines = [Line(f"L{i:05d}", s, s + d, text, speaker=spk, cluster=c, confidence=conf, flags=frozenset(fl),
                  pinned=pin, kept=kept, source_index=i)
             for i, (s, d, text, spk, c, conf, fl, pin, kept) in enumerate(rows)]
    p = Project.from_lines(lines, group_by_speaker=False)
    for cid, name in cluster_names.items():
        p.clusters.setdefault(cid, Cluster(cid, ""))
        p.clusters[cid].name = name
    path = tmp_path_factory.mktemp("rt") / "p.csv"
    save_project(p, path)
    assert load_project(path).snapshot() == p.snapshot()


def test_old_temp_files_of_an_interrupted_save_are_removed(tmp_path):
    import os
    import time

    from svsg_desktop.core.io.atomic import TMP_SUFFIX, stale_temp_files
    path = tmp_path / "p.csv"
    old = tmp_path / f".p.csv.deadbeef{TMP_SUFFIX}"
    young = tmp_path / f".p.csv.cafebabe{TMP_SUFFIX}"
    old.write_bytes(b"half a proj")
    young.write_bytes(b"a save in progress")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    save_project(make_project(), path)
    assert stale_temp_files(path) == [str(young)]


def test_save_into_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="folder does not exist"):
        save_project(make_project(), tmp_path / "nope" / "p.csv")
