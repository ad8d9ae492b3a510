"""Views: the line table (a drag source) and the cluster tree (drag source and drop target; rename in place with
completion from known names). The views never edit the project: drops go to the model, which asks the
controller for a command."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCompleter, QHeaderView, QLineEdit, QStyledItemDelegate,
                               QTableView, QTreeView)

from .cluster_model import KIND_ROLE, UNGROUPED, ClusterTreeModel
from .compat import emit
from .line_model import CONFIDENCE, GROUP, ID_ROLE, SPEAKER, TEXT, TIME


def _is_enter(event) -> bool:
    return event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & ~Qt.KeypadModifier


class _EnterRenames:
    """Enter (outside an editor) emits the view's ``renameRequested`` instead of Qt's default handling."""

    def keyPressEvent(self, event) -> None:
        if _is_enter(event) and self.state() != QAbstractItemView.EditingState:
            emit(self.renameRequested)
            event.accept()
            return
        super().keyPressEvent(event)


class LineTableView(_EnterRenames, QTableView):
    """Lines in a table; emits ``currentLineChanged(id)``; drags carry line ids; Enter asks for a rename."""

    currentLineChanged = Signal(str)
    renameRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setTabKeyNavigation(False)

    def setModel(self, model) -> None:
        super().setModel(model)
        h = self.horizontalHeader()
        h.setSectionResizeMode(TEXT, QHeaderView.Stretch)
        for col in (TIME, SPEAKER, CONFIDENCE, GROUP):
            h.setSectionResizeMode(col, QHeaderView.Interactive)
        self.setColumnWidth(TIME, self.fontMetrics().horizontalAdvance("0:00:00.000") + 16)
        self.setColumnWidth(SPEAKER, 110)
        self.setColumnWidth(CONFIDENCE, 64)
        self.setColumnWidth(GROUP, 110)
        self.selectionModel().currentRowChanged.connect(self._on_current)

    def _on_current(self, current, _previous) -> None:
        lid = current.data(ID_ROLE) if current.isValid() else None
        if lid:
            emit(self.currentLineChanged, lid)

    def current_line_id(self) -> str | None:
        idx = self.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def selected_ids(self) -> list[str]:
        """Selected lines in view order; the current line when nothing is selected."""
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        ids = [self.model().index(r, 0).data(ID_ROLE) for r in rows]
        if not ids and self.current_line_id():
            ids = [self.current_line_id()]
        return ids

    def index_of(self, line_id: str):
        row = self.model().row_of(line_id)
        return self.model().index(row, 0) if row >= 0 else None

    def select_line(self, line_id: str) -> bool:
        idx = self.index_of(line_id)
        if idx is None:
            return False
        self.selectionModel().setCurrentIndex(idx, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.scrollTo(idx, QAbstractItemView.PositionAtCenter)
        return True

    def step(self, delta: int) -> str | None:
        """Move the current row by ``delta`` (Up/Down habit of subtitle editors)."""
        model = self.model()
        if model.rowCount() == 0:
            return None
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        row = min(model.rowCount() - 1, max(0, row + delta))
        idx = model.index(row, 0)
        self.selectionModel().setCurrentIndex(idx, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.scrollTo(idx)
        return idx.data(ID_ROLE)


class NameDelegate(QStyledItemDelegate):
    """In-place group rename with completion from the names the project already knows."""

    def __init__(self, names_fn, parent=None) -> None:
        super().__init__(parent)
        self._names_fn = names_fn

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        completer = QCompleter(QStringListModel(self._names_fn(), editor), editor)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        editor.setCompleter(completer)
        # one Return in the popup picks the name and commits it (Qt's popup eats that Return otherwise)
        completer.activated.connect(lambda text, e=editor: QTimer.singleShot(0, lambda: self._commit(e, text)))
        return editor

    def _commit(self, editor: QLineEdit, text: str) -> None:
        try:
            editor.setText(text)
        except RuntimeError:            # the editor is gone already (closed by focus loss)
            return
        emit(self.commitData, editor)
        emit(self.closeEditor, editor, QStyledItemDelegate.NoHint)

    def setEditorData(self, editor, index) -> None:
        editor.setText(index.data(Qt.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.text(), Qt.EditRole)


class ClusterTreeView(_EnterRenames, QTreeView):
    """Groups with their lines; drop lines or a group onto a group; drop lines on empty space = new group."""

    currentLineChanged = Signal(str)
    renameRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.SelectedClicked)
        self.setIconSize(QSize(64, 36))
        self.setUniformRowHeights(False)    # group rows carry a thumbnail; lines arrive in chunks of 100
        self.setAnimated(False)
        self._expanded: set[int] = set()
        self.expanded.connect(lambda i: self._expanded.add(self._cluster(i)))
        self.collapsed.connect(lambda i: self._expanded.discard(self._cluster(i)))

    def _cluster(self, index) -> int | None:
        m = self.model()
        return m.cluster_of(index) if isinstance(m, ClusterTreeModel) else None

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelReset.connect(self._restore_expanded)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.Stretch)
        # a fixed count column: ResizeToContents would measure every row of a 3,000-line group on expand
        self.header().setSectionResizeMode(1, QHeaderView.Fixed)
        self.header().resizeSection(1, self.fontMetrics().horizontalAdvance("0:00:00.000") + 12)
        self.selectionModel().currentChanged.connect(self._on_current)

    def _restore_expanded(self) -> None:
        m = self.model()
        for cid in list(self._expanded):
            idx = m.group_index(cid)
            if idx.isValid():
                self.setExpanded(idx, True)
            else:
                self._expanded.discard(cid)

    def _on_current(self, current, _previous) -> None:
        lid = current.data(ID_ROLE) if current.isValid() else None
        if lid:
            emit(self.currentLineChanged, lid)

    def current_cluster(self) -> int | None:
        cid = self._cluster(self.currentIndex())
        return None if cid in (None, UNGROUPED) else cid

    def selected_clusters(self) -> list[int]:
        out = []
        for idx in self.selectionModel().selectedRows():
            if idx.data(KIND_ROLE) == "group":
                cid = self._cluster(idx)
                if cid not in (None, UNGROUPED):
                    out.append(cid)
        return out

    def selected_line_ids(self) -> list[str]:
        """Selected lines (a selected group counts as all of its lines)."""
        m = self.model()
        ids: list[str] = []
        for idx in self.selectionModel().selectedRows():
            if idx.data(KIND_ROLE) == "line":
                ids.append(idx.data(ID_ROLE))
            else:
                ids.extend(m.members(self._cluster(idx)))
        return list(dict.fromkeys(ids))

    def select_cluster(self, cid: int) -> None:
        idx = self.model().group_index(cid)
        if idx.isValid():
            self.setCurrentIndex(idx)
            self.scrollTo(idx)

    def rename_current(self) -> bool:
        cid = self.current_cluster()
        if cid is None:
            return False
        idx = self.model().group_index(cid)
        self.setCurrentIndex(idx)
        self.edit(idx)
        return True
