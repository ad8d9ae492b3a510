"""The window's editing gestures (keys 1–9, new group, merge, rename, marks, the review queue, one line's
speaker): each reads what has focus, asks the controller for one command, and puts the cursor where the
annotator's next keystroke expects it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from ..core.lines import Flag
from .i18n import group_label, tr
from .line_model import SPEAKER


class Editing:
    def __init__(self, window) -> None:
        self.w = window
        self.c = window.controller
        self._return_to = None              # the list view a rename was started from
        window.tree.itemDelegateForColumn(0).closeEditor.connect(lambda *_: self._after_rename())
        self.c.renameClash.connect(lambda cid, other, name: QTimer.singleShot(
            0, lambda: self.resolve_clash(cid, other, name)))

    def _list_view(self):
        w = self.w
        return w.review_view if w.review_view.hasFocus() else w.line_view

    def assign_rank(self, rank: int) -> None:
        """Keys 1–9: the n-th group as the panel shows it; the cursor then moves to the next line."""
        w = self.w
        groups = [g for g in w.clusters.groups() if g >= 0]
        if not 0 <= rank < len(groups):
            return
        in_tree = w.tree.hasFocus()
        ids = w._focused_ids()
        if self.c.move_lines(ids, groups[rank]) and not in_tree and len(ids) == 1:
            self._list_view().step(1)

    def new_group(self) -> None:
        ids = self.w._focused_ids()
        if self.c.split_lines(ids):
            self.w.tree.select_cluster(self.c.project.lines[ids[0]].cluster)

    def merge_selected(self) -> None:
        groups = self.w.tree.selected_clusters()
        if len(groups) > 1:
            self.c.merge_many(groups[1:], groups[0])

    def rename_group(self) -> None:
        w = self.w
        self._return_to = None
        if not (w.tree.hasFocus() and w.tree.current_cluster() is not None) and w.current_line:
            cid = self.c.project.lines[w.current_line].cluster
            if cid is None:
                return
            self._return_to = self._list_view()
            w.tabs.setCurrentWidget(w.tree)
            w.tree.select_cluster(cid)
        w.tree.setFocus()
        w.tree.rename_current()

    def _after_rename(self) -> None:
        view, self._return_to = self._return_to, None
        if view is not None:
            QTimer.singleShot(0, view.setFocus)

    def ask_clash(self, name: str, other: int) -> QMessageBox.StandardButton:
        """Yes: merge into the group that has the name; No: two groups with the same name; Cancel."""
        label = group_label(other, name)
        return QMessageBox.question(
            self.w, tr("Merge the groups?"),
            tr("Another group is already called “%1”. Merge this group into it?").replace("%1", label)
            + "\n\n" + tr("No: keep two groups with the same name."),
            QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel, QMessageBox.Yes)

    def resolve_clash(self, cid: int, other: int, name: str) -> None:
        if cid not in self.c.project.clusters or other not in self.c.project.clusters:
            return
        answer = self.ask_clash(name, other)
        if answer == QMessageBox.Yes:
            self.c.merge_clusters(cid, other)
            self.w.tree.select_cluster(other)
        elif answer == QMessageBox.No:
            self.c.rename_cluster(cid, name, allow_same_name=True)
        self._after_rename()

    def flag(self, flag: Flag) -> None:
        ids = self.w._focused_ids()
        on = not all(flag in self.c.project.lines[i].flags for i in ids)
        self.c.set_flag(ids, flag, on)

    def clear_flags(self) -> None:
        self.c.clear_flags(self.w._focused_ids())

    def edit_line_speaker(self) -> None:
        """Shift+F2: type this one line's speaker (``A/B`` for several); completion from every known name."""
        w = self.w
        view = self._list_view()
        lid = w.current_line
        if lid is None or view.index_of(lid) is None:
            return
        view.setFocus()
        view.edit(view.model().index(view.model().row_of(lid), SPEAKER))

    def next_review(self) -> None:
        """F8: the least confident line nobody checked yet, selected in the review queue and the line list."""
        w = self.w
        for r in range(w.review.rowCount()):
            lid = w.review.line_id(r)
            if not self.c.project.lines[lid].pinned:
                w.tabs.setCurrentWidget(w.review_view)
                w.review_view.select_line(lid)
                w.line_view.select_line(lid)
                w.review_view.setFocus()
                return
        w.show_message(tr("Every line has been checked."))
