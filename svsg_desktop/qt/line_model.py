"""The line list: a thin table adapter over the controller's project, by stable line id.

Columns: time, text, speaker, confidence (a coloured badge), group. The filter proxy does a case-insensitive
substring search over text + speaker + group (precomputed per row, so a 5,000-line season filters fast) and can
restrict to one group. The review queue is the same adapter ordered from least to most confident.
"""

from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QBrush, QColor, QFont


from .compat import emit
from .i18n import tr
from ..core.lines import Flag, format_ms
from .mime import LINE_IDS_MIME, line_ids_mime

ID_ROLE = Qt.UserRole + 1          # str line id
CLUSTER_ROLE = Qt.UserRole + 2     # int group id or None
CONFIDENCE_ROLE = Qt.UserRole + 3  # float or None
START_ROLE = Qt.UserRole + 4       # int ms

TIME, TEXT, SPEAKER, CONFIDENCE, GROUP = range(5)



def confidence_colour(conf: float | None) -> QColor | None:
    if conf is None:
        return None
    if conf < 0.5:
        return QColor(231, 76, 60)     # red: check this line
    if conf < 0.8:
        return QColor(243, 156, 18)    # amber
    return QColor(39, 174, 96)         # green


def flag_label(flag: Flag) -> str:
    if flag is Flag.NON_DIALOGUE:
        return tr("non-dialogue")
    if flag is Flag.UNKNOWN:
        return tr("unknown")
    return tr("several speakers")


def flag_text(flags) -> str:
    return ", ".join(flag_label(f) for f in sorted(flags, key=lambda f: f.value))


class LineListModel(QAbstractTableModel):
    """Rows = lines in time order (or in review order in :class:`ReviewQueueModel`)."""

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._search: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        controller.projectReset.connect(self.reset)
        controller.changed.connect(self.on_changed)
        self.reset()

    # -- structure ----------------------------------------------------------------------------------------------
    def ordered_ids(self) -> list[str]:
        return list(self.controller.project.order)

    def reset(self) -> None:
        self.beginResetModel()
        self._ids = self.ordered_ids()
        self._row = {lid: r for r, lid in enumerate(self._ids)}
        self._rebuild_search()
        self.endResetModel()

    def _search_key(self, lid: str) -> str:
        p = self.controller.project
        ln = p.lines[lid]
        group = p.clusters[ln.cluster].label() if ln.cluster in p.clusters else ""
        return f"{ln.text}\n{p.speaker_of(lid)}\n{group}".casefold()

    def _rebuild_search(self) -> None:
        self._search = [self._search_key(lid) for lid in self._ids]

    def on_changed(self, line_ids: list, cluster_ids: list) -> None:
        p = self.controller.project
        if cluster_ids:
            # a rename or merge changes the speaker/group column of every line in those groups
            touched = set(cluster_ids)
            rows = [r for r, lid in enumerate(self._ids) if p.lines[lid].cluster in touched]
        else:
            rows = []
        rows += [self._row[i] for i in line_ids if i in self._row]
        if not rows:
            return
        for r in set(rows):
            self._search[r] = self._search_key(self._ids[r])
        emit(self.dataChanged, self.index(min(rows), 0), self.index(max(rows), GROUP))

    def row_of(self, line_id: str) -> int:
        return self._row.get(line_id, -1)

    def line_id(self, row: int) -> str:
        return self._ids[row]

    def search_key(self, row: int) -> str:
        return self._search[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < 5:
            return (tr("Time"), tr("Text"), tr("Speaker"), tr("Conf."), tr("Group"))[section]
        return None

    # -- data ---------------------------------------------------------------------------------------------------
    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        p = self.controller.project
        lid = self._ids[index.row()]
        ln = p.lines[lid]
        col = index.column()
        if role == Qt.DisplayRole:
            if col == TIME:
                return format_ms(ln.start)
            if col == TEXT:
                return ln.text.replace("\n", " / ")
            if col == SPEAKER:
                name = p.speaker_of(lid)
                flags = flag_text(ln.flags)
                return f"{name} ({flags})" if flags and name else (flags or name)
            if col == CONFIDENCE:
                mark = "✔ " if ln.pinned else ""
                return mark + ("—" if ln.confidence is None else f"{round(100 * ln.confidence)}%")
            if col == GROUP:
                c = p.clusters.get(ln.cluster) if ln.cluster is not None else None
                return c.label() if c else ""
            return None
        if role == ID_ROLE:
            return lid
        if role == CLUSTER_ROLE:
            return ln.cluster
        if role == CONFIDENCE_ROLE:
            return ln.confidence
        if role == START_ROLE:
            return ln.start
        if role == Qt.BackgroundRole and col == CONFIDENCE:
            colour = confidence_colour(None if ln.pinned else ln.confidence)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ForegroundRole and col == CONFIDENCE and not ln.pinned and ln.confidence is not None:
            return QBrush(QColor("white"))
        if role == Qt.FontRole and col == CONFIDENCE:
            return self._bold
        if role == Qt.TextAlignmentRole and col in (TIME, CONFIDENCE):
            return int(Qt.AlignCenter)
        if role == Qt.ToolTipRole:
            tip = f"{lid}  {format_ms(ln.start)} → {format_ms(ln.end)}\n{ln.text}"
            if ln.pinned:
                tip += "\n" + tr("checked by a human")
            return tip
        return None

    # -- drag source (removes nothing) ----------------------------------------------------------------------------
    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self):
        return [LINE_IDS_MIME]

    def mimeData(self, indexes):
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return line_ids_mime(self._ids[r] for r in rows)

    def supportedDragActions(self):
        return Qt.MoveAction

    def supportedDropActions(self):
        return Qt.IgnoreAction


class ReviewQueueModel(LineListModel):
    """Dialogue lines from least to most confident (not yet computed last). Human-checked lines stay in place,
    marked ✔, so rows do not jump while the annotator works through the queue."""

    def ordered_ids(self) -> list[str]:
        p = self.controller.project
        pos = {lid: k for k, lid in enumerate(p.order)}
        ids = [lid for lid in p.order if p.lines[lid].is_dialogue]
        return sorted(ids, key=lambda i: (p.lines[i].confidence is None, p.lines[i].confidence or 0.0, pos[i]))

    def on_changed(self, line_ids: list, cluster_ids: list) -> None:
        if self.ordered_ids() != self._ids:   # confidences changed (a re-cluster) or lines left the dialogue
            emit(self.layoutAboutToBeChanged)
            old = {lid: r for r, lid in enumerate(self._ids)}
            self._ids = self.ordered_ids()
            self._row = {lid: r for r, lid in enumerate(self._ids)}
            self._rebuild_search()
            self._remap_persistent(old)
            emit(self.layoutChanged)
        else:
            super().on_changed(line_ids, cluster_ids)

    def _remap_persistent(self, old: dict[str, int]) -> None:
        by_old_row = {r: lid for lid, r in old.items()}
        for idx in self.persistentIndexList():
            lid = by_old_row.get(idx.row())
            new_row = self._row.get(lid, -1) if lid is not None else -1
            new = self.index(new_row, idx.column()) if new_row >= 0 else QModelIndex()
            self.changePersistentIndex(idx, new)


class LineFilterProxy(QSortFilterProxyModel):
    """Substring filter (case-insensitive, over text, speaker and group) and an optional one-group restriction."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._cluster: int | None = None
        self._only_cluster = False

    def set_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_cluster(self, cluster: int | None, enabled: bool = True) -> None:
        self.beginFilterChange()
        self._cluster, self._only_cluster = cluster, enabled
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        src = self.sourceModel()
        if self._needle and self._needle not in src.search_key(source_row):
            return False
        if self._only_cluster:
            lid = src.line_id(source_row)
            return src.controller.project.lines[lid].cluster == self._cluster
        return True
