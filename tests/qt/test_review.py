"""Review state that can be trusted, in the window: a merge checks no line, renaming to another group's name
offers a merge, the line list filters by state and sorts by confidence, 1–9 moves on to the next line, a rename
hands the focus back to the line list, F8 selects in the line list too, double-click plays, the Edit menu names
what it will undo, the saved indicator, one line's speaker (and two)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from svsg_desktop.core.lines import Flag

from .test_window import episode, grouped, window  # noqa: F401 - fixtures


def test_merging_selected_groups_is_one_step_and_checks_nothing(window, episode, qtbot):  # noqa: F811
    p, dialogue = grouped(window, episode)
    tree = window.tree
    tree.setFocus()
    sel = tree.selectionModel()
    for cid in (1, 2, 3):
        sel.select(window.clusters.group_index(cid), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    qtbot.keyClick(tree, Qt.Key_M, Qt.ControlModifier)
    assert len({p.lines[i].cluster for i in dialogue}) == 1
    assert not any(p.lines[i].pinned for i in dialogue)
    assert window.actions["undo"].text().startswith("&Undo Merge 3 groups")
    window.next_review()                                  # nothing dropped out of F8
    assert window.current_line is not None and not p.lines[window.current_line].pinned
    window.controller.undo_stack.undo()
    assert {p.lines[i].cluster for i in dialogue} == {1, 2, 3}
    assert window.actions["undo"].text() == "&Undo"


def test_rename_to_an_existing_name_merges_when_accepted(window, episode, qtbot, monkeypatch):  # noqa: F811
    p, dialogue = grouped(window, episode)
    window.controller.rename_cluster(1, "Ben")
    monkeypatch.setattr(window.editing, "ask_clash", lambda name, other: QMessageBox.Yes)
    assert window.controller.rename_cluster(2, "ben") is False
    qtbot.waitUntil(lambda: 2 not in p.clusters, timeout=2000)
    assert [c.name for c in p.clusters.values()].count("Ben") == 1


def test_filter_by_state_and_sort_by_confidence(window, episode):  # noqa: F811
    p, dialogue = grouped(window, episode)
    window.controller.rename_cluster(1, "Haruhi")
    window.controller.move_lines([dialogue[1]], 1)        # checked, and now named
    bar, model = window.review_bar, window.lines
    bar.set_show("checked")
    assert [model.line_id(r) for r in range(model.rowCount())] == [dialogue[1]]
    bar.set_show("unchecked")
    assert model.rowCount() == len(dialogue) - 1 and model.row_of(dialogue[1]) == -1
    bar.set_show("unnamed")
    shown = [model.line_id(r) for r in range(model.rowCount())]
    assert shown and all(not p.speaker_of(i) for i in shown)
    window.controller.move_lines([shown[0]], 1)           # named now: it leaves the list
    assert model.row_of(shown[0]) == -1
    bar.set_show("low")
    assert all(p.lines[model.line_id(r)].confidence < 0.5 for r in range(model.rowCount()))
    bar.set_show("all")
    bar.order.setCurrentIndex(1)
    confs = [p.lines[model.line_id(r)].confidence for r in range(model.rowCount())]
    known = [c for c in confs if c is not None]
    assert known == sorted(known) and model.rowCount() == len(p.lines)


def test_number_key_moves_the_cursor_to_the_next_line(window, episode, qtbot):  # noqa: F811
    p, dialogue = grouped(window, episode)
    view = window.line_view
    view.setFocus()
    view.select_line(dialogue[0])
    qtbot.keyClick(view, Qt.Key_2)
    groups = [g for g in window.clusters.groups() if g >= 0]
    assert p.lines[dialogue[0]].cluster == groups[1] and p.lines[dialogue[0]].pinned
    assert window.current_line == window.lines.line_id(window.lines.row_of(dialogue[0]) + 1)


def test_focus_returns_to_the_line_list_after_a_rename(window, episode, qtbot):  # noqa: F811
    p, dialogue = grouped(window, episode)
    view = window.line_view
    view.setFocus()
    view.select_line(dialogue[0])
    qtbot.keyClick(view, Qt.Key_Return)
    editor = window.tree.findChild(QLineEdit)
    editor.setText("Koizumi")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: p.clusters[p.lines[dialogue[0]].cluster].name == "Koizumi", timeout=2000)
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    qtbot.keyClick(view, Qt.Key_Down)                     # the next keystroke works on the list
    assert window.current_line == dialogue[1]


def test_f8_selects_the_line_in_the_line_list_too(window, episode):  # noqa: F811
    p, dialogue = grouped(window, episode)
    window.next_review()
    lid = window.current_line
    assert window.line_view.current_line_id() == lid == window.review_view.current_line_id()


def test_double_click_plays_the_line(window, episode, qtbot):  # noqa: F811
    p, dialogue = grouped(window, episode)
    view = window.line_view
    view.select_line(dialogue[2])
    rect = view.visualRect(view.index_of(dialogue[2]))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())   # Qt sees press, release, double
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.video.stop_at() == p.lines[dialogue[2]].end
    assert window.video.backend.position() >= p.lines[dialogue[2]].start


def test_saved_indicator(window, episode, qtbot):  # noqa: F811
    p, dialogue = grouped(window, episode)
    ind = window.save_indicator
    window.controller.move_lines([dialogue[0]], 2)
    qtbot.waitUntil(lambda: ind.state == "saved", timeout=3000)
    assert "Saved" in ind.text()
    window.controller.move_lines([dialogue[1]], 2)
    assert ind.state == "saving"
    qtbot.waitUntil(lambda: ind.state == "saved", timeout=3000)


def test_one_lines_speaker_from_the_line_list(window, episode, qtbot):  # noqa: F811
    p, dialogue = grouped(window, episode)
    window.controller.rename_cluster(1, "Haruhi")
    view = window.line_view
    view.setFocus()
    view.select_line(dialogue[4])
    qtbot.keyClick(view, Qt.Key_F2, Qt.ShiftModifier)
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.completer() is not None
    editor.setText("Haruhi/Kyon")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: p.speaker_of(dialogue[4]) == "Haruhi/Kyon", timeout=2000)
    assert Flag.SEVERAL in p.lines[dialogue[4]].flags
    assert "Haruhi/Kyon" in window.lines.index(window.lines.row_of(dialogue[4]), 2).data()
