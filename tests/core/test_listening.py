"""What to listen to: the strip's window and cues, a group's sample order."""

from __future__ import annotations

from svsg_desktop.core.lines import Flag, Line
from svsg_desktop.core.listening import group_sample, strip_view
from svsg_desktop.core.project import Project


def lines_project() -> Project:
    spans = [(0, 1000), (1500, 2500), (4000, 5000), (5200, 6000), (9000, 9500), (20000, 21000)]
    lines = [Line(f"L{k + 1:05d}", a, b, f"line {k}", cluster=1) for k, (a, b) in enumerate(spans)]
    p = Project.from_lines(lines, video="ep.mp4")
    p.lines["L00004"] = p.lines["L00004"].with_(flags=frozenset({Flag.NON_DIALOGUE}))
    return p


def test_strip_window_holds_the_line_its_neighbours_and_never_starts_before_zero():
    p = lines_project()
    v = strip_view(p, "L00003", context_ms=3000)
    assert (v.start, v.end) == (1000, 8000)
    assert [c.line_id for c in v.cues] == ["L00002", "L00003"]        # L00004 is non-dialogue, L00001 ends at 1000
    assert v.current.line_id == "L00003" and v.cue_at(4500).line_id == "L00003" and v.cue_at(3000) is None
    first = strip_view(p, "L00001", context_ms=3000)
    assert first.start == 0 and [c.line_id for c in first.cues] == ["L00001", "L00002"]
    flagged = strip_view(p, "L00004")
    assert flagged.current.line_id == "L00004"


def confident_group(n: int) -> Project:
    lines = [Line(f"L{k + 1:05d}", k * 1000, k * 1000 + 800, "x", cluster=1 if k < n else 2,
                  confidence=None if k == 3 else (k * 7 % 13) / 13) for k in range(n + 2)]
    return Project.from_lines(lines)


def test_group_sample_is_five_most_then_five_least_confident():
    p = confident_group(20)
    sample = group_sample(p, 1)
    conf = {i: p.lines[i].confidence for i in p.line_ids_in(1)}
    by_conf = sorted(conf, key=lambda i: -(conf[i] if conf[i] is not None else -1))
    assert len(sample) == 10 and len(set(sample)) == 10
    assert set(sample[:5]) == set(by_conf[:5]) and set(sample[5:]) == set(by_conf[-5:])
    assert sample[-1] == "L00004"                                   # no confidence: the least confident
    values = [conf[i] if conf[i] is not None else -1 for i in sample]
    assert values == sorted(values, reverse=True)
    assert all(p.lines[i].cluster == 1 for i in sample)


def test_a_small_group_plays_every_line_once():
    p = confident_group(6)
    assert sorted(group_sample(p, 1)) == sorted(p.line_ids_in(1))
    assert group_sample(p, 99) == []
