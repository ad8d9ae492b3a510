"""Defects a first session hit, each pinned by a test: one Return in the name-completion popup commits the name;
no "corrections were kept" after a first grouping without corrections; Qt's own buttons translated."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from svsg_desktop.qt.i18n import install_language

from .test_window import episode, grouped, window  # noqa: F401 - fixtures


def test_one_return_in_the_completion_popup_commits_the_name(window, episode, qtbot, monkeypatch):  # noqa: F811
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(window.editing, "ask_clash", lambda name, other: asked.append(name) or QMessageBox.No)
    p, dialogue = grouped(window, episode)
    window.controller.rename_cluster(1, "Captain Mira")
    target = p.lines[dialogue[1]].cluster
    assert target != 1
    view = window.line_view
    view.setFocus()
    view.select_line(dialogue[1])
    qtbot.keyClick(view, Qt.Key_Return)
    editor = window.tree.findChild(QLineEdit)
    assert editor is not None
    editor.clear()
    qtbot.keyClicks(editor, "capt")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)             # one Return: accept the completion AND commit
    qtbot.waitUntil(lambda: p.clusters[target].name == "Captain Mira", timeout=3000)
    assert asked == ["Captain Mira"]          # another group has that name: the window asked (answer: keep both)


def test_first_grouping_does_not_claim_kept_corrections(window, episode):  # noqa: F811
    p, dialogue = grouped(window, episode)
    assert not any(ln.pinned for ln in p.lines.values())
    from svsg_desktop.core.commands import AssignClusters

    def regrouped():                                  # the label job's command: every line where it is now
        return AssignClusters({i: ln.cluster for i, ln in p.lines.items()})
    window.on_grouped(regrouped(), p)
    assert "corrections" not in window.message.text()
    window.controller.move_lines([dialogue[0]], 2)
    window.on_grouped(regrouped(), p)
    assert "corrections were kept" in window.message.text()


@pytest.mark.parametrize("code", ["zh_CN", "ja_JP"])
def test_qt_standard_buttons_are_translated(qapp, code):
    try:
        assert install_language(code)
        box = QDialogButtonBox(QDialogButtonBox.Close | QDialogButtonBox.Cancel)
        assert box.button(QDialogButtonBox.Close).text().replace("&", "") not in ("Close", "")
        assert box.button(QDialogButtonBox.Cancel).text().replace("&", "") not in ("Cancel", "")
    finally:
        install_language("en")
    box = QDialogButtonBox(QDialogButtonBox.Close)
    assert box.button(QDialogButtonBox.Close).text().replace("&", "") == "Close"
    QApplication.processEvents()
