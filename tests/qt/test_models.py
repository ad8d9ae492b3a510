"""Qt models: checked by pytest-qt's qtmodeltester; drops via QMimeData turn into core commands."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from svsg_desktop.qt.cluster_model import UNGROUPED, ClusterTreeModel
from svsg_desktop.qt.line_model import (CONFIDENCE, GROUP, ID_ROLE, SPEAKER, LineFilterProxy, LineListModel,
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


def test_filter_proxy_and_group_restriction(controller, qtmodeltester):
    m = LineListModel(controller)
    proxy = LineFilterProxy()
    proxy.setSourceModel(m)
    qtmodeltester.check(proxy)
    proxy.set_text("NUMBER 1")          # case-insensitive: 1, 10, 11
    assert proxy.rowCount() == 3
    proxy.set_text("春日")               # speaker/group name matches too
    assert proxy.rowCount() == 4
    proxy.set_text("")
    proxy.set_cluster(2)
    assert proxy.rowCount() == 4
    controller.move_lines(["L00001"], 2)
    assert proxy.rowCount() == 5
    qtmodeltester.check(proxy)


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
    controller.move_lines(["L00001", "L00004"], 3)        # group 3 now has 6 lines
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
