"""Qt models: checked by pytest-qt's qtmodeltester; drops via QMimeData turn into core commands."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from svsg_desktop.qt.cluster_model import UNGROUPED, ClusterTreeModel
from svsg_desktop.qt.line_model import (CONFIDENCE, GROUP, ID_ROLE, SPEAKER, LineListModel,
                                        ReviewQueueModel)
from svsg_desktop.qt.mime import (CLUSTER_ID_MIME, LINE_IDS_MIME, cluster_id_mime, decode_cluster_id,
                                  decode_line_ids, line_ids_mime)
from svsg_desktop.core.lines import Flag


def test_line_model_passes_modeltester_through_edits(controller, qtmodeltester):
    m = LineListModel(controller)
    qtmodeltester.check(m)
    controller.move_lines(["L00001"], 2)
    controller.rename_cluster(2, "Mikuru")
    controller.undo_stack.undo()
    qtmodeltester.check(m)
    assert m.rowCount() == 12
    assert m.index(0, 0).data(ID_ROLE) == "L00001"
    assert m.index(0, GROUP).data() == "Speaker 2"


def test_line_model_columns_follow_edits(controller):
    m = LineListModel(controller)
    row = m.row_of("L00002")
    controller.rename_cluster(2, "長門")
    assert m.index(row, SPEAKER).data() == "長門"
    assert m.index(row, GROUP).data() == "長門"
    controller.set_flag(["L00002"], Flag.UNKNOWN)
    assert "unknown" in m.index(row, SPEAKER).data()
    assert m.index(row, CONFIDENCE).data().startswith("✔")


def test_filter_and_group_restriction(controller, qtmodeltester):
    m = LineListModel(controller)
    qtmodeltester.check(m)
    m.set_filter("NUMBER 1")           # case-insensitive: 1, 10, 11
    assert m.rowCount() == 3
    assert [m.line_id(r) for r in range(3)] == ["L00002", "L00011", "L00012"]
    m.set_filter("春日")                # speaker/group name matches too
    assert m.rowCount() == 4
    controller.rename_cluster(1, "Haruhi")     # the renamed group's lines leave the filter
    assert m.rowCount() == 0
    controller.undo_stack.undo()
    assert m.rowCount() == 4
    m.set_filter("", cluster=2)
    assert m.rowCount() == 4
    controller.move_lines(["L00001"], 2)       # an edited line enters the filter
    assert m.rowCount() == 5 and m.row_of("L00001") == 0
    m.set_filter(cluster=None)
    assert m.rowCount() == 12
    qtmodeltester.check(m)


def test_review_queue_is_least_confident_first(controller, qtmodeltester):
    m = ReviewQueueModel(controller)
    qtmodeltester.check(m)
    confs = [controller.project.lines[m.line_id(r)].confidence for r in range(m.rowCount())]
    assert confs == sorted(confs)
    controller.set_flag([m.line_id(0)], Flag.NON_DIALOGUE)   # leaves the queue
    assert m.rowCount() == 11
    qtmodeltester.check(m)


def test_cluster_model_passes_modeltester_and_sorts_by_size(controller, qtmodeltester):
    m = ClusterTreeModel(controller)
    qtmodeltester.check(m)
    order = m.groups()
    controller.move_lines(["L00001", "L00004"], 3)        # group 3 now has 6 lines
    assert m.groups() == order                            # stable while editing: nothing jumps under the mouse
    assert m.index(order.index(3), 1).data() == "6"
    m.reset()                                              # on open / re-cluster: largest first
    assert m.groups()[0] == 3
    assert m.index(0, 1).data() == "6"
    controller.set_flag(["L00002"], Flag.NON_DIALOGUE)     # an ungrouped line appears last
    assert m.groups()[-1] == UNGROUPED
    qtmodeltester.check(m)
    top = m.index(0, 0)
    assert m.rowCount(top) == 6
    assert m.index(0, 0, top).data(ID_ROLE) == "L00001"
    assert m.parent(m.index(0, 0, top)) == top


def test_mime_round_trip_and_garbage():
    assert decode_line_ids(line_ids_mime(["L1", "L2", "L1"])) == ["L1", "L2"]
    assert decode_cluster_id(cluster_id_mime(7)) == 7
    bad = QMimeData()
    bad.setData(LINE_IDS_MIME, b"{not json")
    bad.setData(CLUSTER_ID_MIME, b"\"7\"")
    assert decode_line_ids(bad) is None and decode_cluster_id(bad) is None
    assert decode_line_ids(QMimeData()) is None


def test_drop_lines_on_group_moves_them(controller):
    lines = LineListModel(controller)
    tree = ClusterTreeModel(controller)
    mime = lines.mimeData([lines.index(0, 0), lines.index(1, 2)])
    assert decode_line_ids(mime) == ["L00001", "L00002"]
    target = tree.group_index(3)
    assert tree.canDropMimeData(mime, Qt.MoveAction, -1, -1, target)
    assert tree.dropMimeData(mime, Qt.MoveAction, -1, -1, target)
    assert {controller.project.lines[i].cluster for i in ("L00001", "L00002")} == {3}
    # dropping on one of a group's lines means that line's group
    child = tree.index(0, 0, tree.group_index(1))
    assert tree.dropMimeData(line_ids_mime(["L00003"]), Qt.MoveAction, -1, -1, child)
    assert controller.project.lines["L00003"].cluster == 1
    assert controller.undo_stack.count() == 2


def test_drop_group_on_group_merges_and_undo_restores(controller):
    tree = ClusterTreeModel(controller)
    before = controller.project.snapshot()
    mime = tree.mimeData([tree.group_index(2)])
    assert decode_cluster_id(mime) == 2
    assert not tree.canDropMimeData(mime, Qt.MoveAction, -1, -1, tree.group_index(2))   # onto itself
    assert tree.dropMimeData(mime, Qt.MoveAction, -1, -1, tree.group_index(1))
    assert 2 not in controller.project.clusters
    assert tree.groups()[0] == 1 and tree.index(0, 1).data() == "8"
    controller.undo_stack.undo()
    assert controller.project.snapshot() == before


def test_drop_lines_on_empty_space_makes_a_new_group(controller):
    tree = ClusterTreeModel(controller)
    assert tree.dropMimeData(line_ids_mime(["L00001", "L00002"]), Qt.MoveAction, -1, -1, QModelIndex())
    new = controller.project.lines["L00001"].cluster
    assert new not in (1, 2, 3) and controller.project.lines["L00002"].cluster == new


def test_unknown_ids_and_ungrouped_target_are_refused(controller):
    tree = ClusterTreeModel(controller)
    assert not tree.canDropMimeData(line_ids_mime(["nope"]), Qt.MoveAction, -1, -1, tree.group_index(1))
    controller.set_flag(["L00002"], Flag.NON_DIALOGUE)
    ungrouped = tree.group_index(UNGROUPED)
    assert not tree.dropMimeData(line_ids_mime(["L00001"]), Qt.MoveAction, -1, -1, ungrouped)
    assert controller.undo_stack.count() == 1


def test_rename_in_place_is_a_command(controller):
    tree = ClusterTreeModel(controller)
    idx = tree.group_index(2)
    assert tree.setData(idx, "キョン", Qt.EditRole)
    assert controller.project.clusters[2].name == "キョン"
    assert tree.group_index(2).data() == "キョン"
    controller.undo_stack.undo()
    assert controller.project.clusters[2].name == ""


def test_representative_line_is_most_confident(controller):
    tree = ClusterTreeModel(controller)
    rep = tree.representative_line(1)
    confs = [controller.project.lines[i].confidence for i in tree.members(1)]
    assert controller.project.lines[rep].confidence == max(confs)


def _picture(m):
    return [(g, m.members(g)) for g in m.groups()]


def test_incremental_updates_match_a_rebuild(controller, qtmodeltester):
    """Every edit applied as row moves gives the same tree as rebuilding from the project (order aside), and
    persistent indexes of lines follow their line."""
    import random

    from PySide6.QtCore import QPersistentModelIndex

    m = ClusterTreeModel(controller)
    qtmodeltester.check(m)
    rng = random.Random(3)
    ids = list(controller.project.order)
    for step in range(40):
        groups = [g for g in m.groups() if g != UNGROUPED]
        kind = rng.choice(["move", "move", "split", "merge", "flag", "undo", "redo"])
        if kind == "move":
            controller.move_lines(rng.sample(ids, rng.randint(1, 4)), rng.choice(groups + [99]))
        elif kind == "split":
            controller.split_lines(rng.sample(ids, 2))
        elif kind == "merge" and len(groups) > 1:
            a, b = rng.sample(groups, 2)
            controller.merge_clusters(a, b)
        elif kind == "flag":
            controller.set_flag([rng.choice(ids)], Flag.NON_DIALOGUE, rng.random() < 0.7)
        elif kind == "undo":
            controller.undo_stack.undo()
        else:
            controller.undo_stack.redo()
        fresh = ClusterTreeModel(controller)
        assert sorted(_picture(m)) == sorted(_picture(fresh)), f"step {step}: {kind}"
        # a persistent index on some line still points at that line
        g = next(g for g in m.groups() if m.members(g))
        pidx = QPersistentModelIndex(m.index(0, 0, m.group_index(g)))
        lid = m.line_id_of(m.index(pidx.row(), 0, pidx.parent()))
        assert lid == m.members(g)[0]


def test_big_groups_list_a_capped_number_of_lines_and_edits_stay_consistent(controller, qtmodeltester,
                                                                            monkeypatch):
    import svsg_desktop.qt.cluster_model as cm

    monkeypatch.setattr(cm, "GROUP_CAP", 2)
    m = ClusterTreeModel(controller)
    g = m.group_index(1)
    assert m.rowCount(g) == 2 and m.hasChildren(g) and len(m.members(1)) == 4
    assert m.index(0, 1).data() == "4"                          # the count shows every line
    assert "Ctrl+L" in g.data(Qt.ToolTipRole)
    controller.move_lines(["L00001", "L00002", "L00008"], 3)   # from listed rows and from rows past the cap
    for cid in (1, 2, 3):
        idx = m.group_index(cid)
        shown = m.rowCount(idx)
        assert [m.line_id_of(m.index(r, 0, idx)) for r in range(shown)] == m.members(cid)[:shown]
    fresh = ClusterTreeModel(controller)
    assert sorted(_picture(m)) == sorted(_picture(fresh))
    qtmodeltester.check(m)


def test_review_threshold_sets_the_badge_colour(controller):
    m = LineListModel(controller)
    row = next(r for r in range(m.rowCount()) if 0.5 <= controller.project.lines[m.line_id(r)].confidence < 0.75)
    red = m.index(row, CONFIDENCE).data(Qt.BackgroundRole).color()
    assert red.red() < 250 and red.green() > 100          # amber at the default 0.5
    m.set_review_below(0.8)
    assert m.index(row, CONFIDENCE).data(Qt.BackgroundRole).color().name() == "#e74c3c"
