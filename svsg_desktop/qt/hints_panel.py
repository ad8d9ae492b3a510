"""The "same person?" panel: pairs of groups the engine finds most alike (:mod:`~svsg_desktop.core.hints`), best
first, each one key away from a merge (M or Return; through the controller, so Ctrl+Z undoes it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ..core.hints import PairHint
from ..core.project import Project
from .compat import emit
from .i18n import group_label, tr


def merge_direction(project: Project, hint: PairHint) -> tuple[int, int]:
    """``(source, target)``: into the named group when only one has a name, else into the larger one."""
    a, b = hint.a, hint.b
    named = {g for g in (a, b) if g in project.clusters and project.clusters[g].name}
    if len(named) == 1:
        target = named.pop()
    else:
        sizes = project.cluster_sizes()
        target = a if sizes.get(a, 0) >= sizes.get(b, 0) else b
    return (b if target == a else a), target


class HintList(QListWidget):
    """M or Return on a pair asks for its merge."""

    mergeRequested = Signal(int)      # row

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key_M, Qt.Key_Return, Qt.Key_Enter) and self.currentRow() >= 0 \
                and not event.modifiers() & ~Qt.KeypadModifier:
            emit(self.mergeRequested, self.currentRow())
            return
        super().keyPressEvent(event)


class HintsPanel(QWidget):
    """Shows pairs; ``mergeRequested(source, target)`` when the user takes one; ``refreshRequested`` for the
    button."""

    mergeRequested = Signal(int, int)
    refreshRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.pairs: list[PairHint] = []
        self._project: Project | None = None
        self.status = QLabel(tr("Groups that may be the same person appear here after grouping."))
        self.status.setWordWrap(True)
        self.list = HintList()
        self.list.mergeRequested.connect(self._merge_row)
        self.list.itemDoubleClicked.connect(lambda item: self._merge_row(self.list.row(item)))
        self.merge_button = QPushButton(tr("&Merge this pair (M)"))
        self.merge_button.clicked.connect(lambda: self._merge_row(self.list.currentRow()))
        self.refresh_button = QPushButton(tr("Look again"))
        self.refresh_button.clicked.connect(lambda: emit(self.refreshRequested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.status)
        box.addWidget(self.list, 1)
        box.addLayout(buttons)
        self._enable()

    def set_note(self, text: str) -> None:
        self.status.setText(text)

    def show_pairs(self, project: Project, pairs: list[PairHint], threshold: float | None = None) -> None:
        """Best first; pairs at or above the engine's merge ``threshold`` in bold, those far below it greyed."""
        keep = self.list.currentRow()
        self._project, self.pairs = project, list(pairs)
        self.list.clear()
        sizes = project.cluster_sizes()
        for h in self.pairs:
            name = [group_label(g, project.clusters[g].name if g in project.clusters else "") for g in (h.a, h.b)]
            text = tr("%1 (%2 lines) ↔ %3 (%4 lines) — score %5").replace("%1", name[0]).replace(
                "%2", str(sizes.get(h.a, 0))).replace("%3", name[1]).replace("%4", str(sizes.get(h.b, 0))).replace(
                "%5", f"{h.score:.2f}")
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, (h.a, h.b))
            if threshold is not None and h.score >= threshold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            elif threshold is not None and h.score < threshold / 4:
                item.setForeground(self.palette().color(QPalette.Disabled, QPalette.Text))
            self.list.addItem(item)
        likely = threshold is None or any(h.score >= threshold for h in self.pairs)
        if self.pairs:
            self.list.setCurrentRow(min(max(keep, 0), len(self.pairs) - 1))
        if self.pairs and likely:
            self.status.setText(tr("These groups may be the same person (most alike first; bold: as alike as "
                                   "lines the engine merges). M or Return merges the selected pair; Ctrl+Z undoes "
                                   "it. Shift+G plays a group's sample."))
        elif self.pairs:
            self.status.setText(tr("No pair of groups is as alike as lines the engine merges; the closest pairs "
                                   "are listed. Listen first (Shift+G), then M merges the selected pair."))
        else:
            self.status.setText(tr("No pair of groups looks like the same person."))
        self._enable()

    def _enable(self) -> None:
        self.merge_button.setEnabled(bool(self.pairs))

    def _merge_row(self, row: int) -> None:
        if self._project is None or not 0 <= row < len(self.pairs):
            return
        source, target = merge_direction(self._project, self.pairs[row])
        emit(self.mergeRequested, source, target)
