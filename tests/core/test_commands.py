"""Every edit returns its exact inverse (property test), and human edits pin lines."""

from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core.commands import (AssignClusters, Batch, CommandError, MergeClusters, MoveLines,
                                        RenameCluster, Restore, SetFlag, SetLineSpeaker, SplitLines)
from svsg_desktop.core.lines import Flag, Line
from svsg_desktop.core.project import Project
import pytest


def make_project(n=12, k=3):
    lines = [Line(id=f"L{i:05d}", start=i * 1000, end=i * 1000 + 800, text=f"台詞 {i}", cluster=i % k + 1)
             for i in range(n)]
    p = Project.from_lines(lines, video="ep01.mkv")
    p.clusters[1].name = "春日"
    return p


ids = st.lists(st.sampled_from([f"L{i:05d}" for i in range(12)]), min_size=1, max_size=6, unique=True)
single = st.one_of(
    st.builds(MoveLines, ids.map(tuple), st.integers(1, 5)),
    st.builds(SplitLines, ids.map(tuple), st.sampled_from(["", "キョン", "Mikuru"])),
    st.builds(MergeClusters, st.integers(1, 3), st.integers(1, 3)).filter(lambda c: c.source != c.target),
    st.builds(RenameCluster, st.integers(1, 3), st.sampled_from(["", "長門", "Koizumi"])),
    st.builds(SetFlag, ids.map(tuple), st.sampled_from(list(Flag)), st.booleans()),
    st.builds(AssignClusters, st.dictionaries(st.sampled_from([f"L{i:05d}" for i in range(12)]),
                                              st.one_of(st.none(), st.integers(1, 6)), min_size=1),
              st.dictionaries(st.integers(1, 6), st.sampled_from(["A", "B"]))),
    st.builds(SetLineSpeaker, st.sampled_from([f"L{i:05d}" for i in range(12)]),
              st.sampled_from(["A", "A/B", " 春日 / キョン ", ""])),
)
commands = st.one_of(single, st.builds(Batch, st.lists(single, min_size=1, max_size=3).map(tuple)))


@settings(max_examples=300, deadline=None)
@given(st.lists(commands, min_size=1, max_size=6))
def test_apply_then_inverse_restores_exactly(cmds):
    p = make_project()
    history = []
    for cmd in cmds:
        before = p.snapshot()
        try:
            inverse = cmd.apply(p)
        except CommandError:
            assert p.snapshot() == before, "a refused command must change nothing"
            continue
        history.append((before, inverse))
    for before, inverse in reversed(history):
        redo = inverse.apply(p)
        assert p.snapshot() == before
        assert isinstance(redo, (Restore, Batch))


def test_redo_after_undo_gives_same_state():
    p = make_project()
    cmd = SplitLines(("L00000", "L00003"), "朝比奈")
    inv = cmd.apply(p)
    after = p.snapshot()
    redo = inv.apply(p)
    redo.apply(p)
    assert p.snapshot() == after


def test_move_pins_and_merge_keeps_target_name():
    p = make_project()
    MoveLines(("L00001",), 1).apply(p)
    assert p.line("L00001").cluster == 1 and p.line("L00001").pinned
    MergeClusters(3, 1).apply(p)
    assert 3 not in p.clusters and p.clusters[1].name == "春日"
    assert all(p.line(i).cluster == 1 for i in p.line_ids_in(1))
    assert p.speaker_of("L00002") == "春日"


def test_merging_groups_checks_no_line():
    """Only lines a person placed or confirmed are checked: a merge moves lines, it does not look at them."""
    p = make_project()
    MoveLines(("L00002",), 3).apply(p)
    MergeClusters(3, 1).apply(p)
    MergeClusters(2, 1).apply(p)
    assert {i for i, ln in p.lines.items() if ln.pinned} == {"L00002"}
    assert set(p.line_ids_in(1)) == set(p.lines)


def test_a_merge_or_a_name_keeps_the_group_together_and_undo_releases_it():
    """Merging or naming is a decision on the group: every line of it is kept (a constraint for re-grouping),
    none is checked; undo takes the constraint back with the merge; moving a line out pins it elsewhere."""
    p = make_project()
    before = p.snapshot()
    inverse = MergeClusters(3, 2).apply(p)
    merged = p.line_ids_in(2)
    assert len(merged) == 8 and all(p.line(i).kept and not p.line(i).pinned for i in merged)
    assert {ln.id for ln in p.lines.values() if ln.held} == set(merged)
    inverse.apply(p)
    assert p.snapshot() == before and not any(ln.kept for ln in p.lines.values())
    RenameCluster(2, "Ben").apply(p)
    assert all(p.line(i).kept and not p.line(i).pinned for i in p.line_ids_in(2))
    RenameCluster(3, "").apply(p)
    assert not any(p.line(i).kept for i in p.line_ids_in(3))
    MoveLines(("L00001",), 1).apply(p)             # out of "Ben": pinned to its new group
    assert p.line("L00001").cluster == 1 and p.line("L00001").pinned


def test_engine_assignment_leaves_kept_lines():
    p = make_project()
    MergeClusters(3, 2).apply(p)
    AssignClusters({"L00001": 1, "L00002": 1, "L00000": 2}).apply(p)
    assert p.line("L00001").cluster == p.line("L00002").cluster == 2 and p.line("L00000").cluster == 2


def test_a_batch_is_one_edit_and_all_or_nothing():
    p = make_project()
    before = p.snapshot()
    inverse = Batch((MergeClusters(2, 1), MergeClusters(3, 1)), "merge 3 groups").apply(p)
    assert set(p.clusters) == {1} and inverse.describe() == "merge 3 groups"
    assert inverse.to_dict()["op"] == "batch" and len(inverse.lines) == 4 + 4 + 4 + 8   # both sides are kept
    inverse.apply(p)
    assert p.snapshot() == before
    with pytest.raises(CommandError, match="no such group"):
        Batch((MergeClusters(2, 1), MergeClusters(9, 1))).apply(p)
    assert p.snapshot() == before, "a refused batch must change nothing"


def test_a_line_can_carry_several_speakers():
    p = make_project()
    SetLineSpeaker("L00004", " 春日/ キョン ").apply(p)
    ln = p.line("L00004")
    assert ln.speaker == "春日/キョン" and ln.cluster is None and ln.pinned and Flag.SEVERAL in ln.flags
    assert p.speaker_of("L00004") == "春日/キョン"
    SetLineSpeaker("L00005", "Mikuru").apply(p)
    assert Flag.SEVERAL not in p.line("L00005").flags


def test_errors_name_the_problem():
    p = make_project()
    with pytest.raises(CommandError, match="no such line"):
        MoveLines(("nope",), 1).apply(p)
    with pytest.raises(CommandError, match="no such group"):
        MergeClusters(9, 1).apply(p)


def test_engine_assignment_leaves_pinned_lines():
    p = make_project()
    MoveLines(("L00004",), 3).apply(p)
    AssignClusters({"L00004": 1, "L00005": 1}).apply(p)
    assert p.line("L00004").cluster == 3
    assert p.line("L00005").cluster == 1


def test_from_lines_groups_imported_labels():
    lines = [Line(f"L{i}", i, i + 1, "x", speaker=s) for i, s in enumerate(["A", "B", "A", ""])]
    p = Project.from_lines(lines)
    assert p.line("L0").cluster == p.line("L2").cluster != p.line("L1").cluster
    assert p.line("L3").cluster is None
    assert {c.name for c in p.clusters.values()} == {"A", "B"}
