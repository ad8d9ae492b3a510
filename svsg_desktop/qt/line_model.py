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
        self._labels = self._group_labels()
        self.endResetModel()

    def _group_labels(self) -> dict[int, str]:
        return {cid: c.label() for cid, c in self.controller.project.clusters.items()}

    def _search_key(self, lid: str) -> str:
        p = self.controller.project
        ln = p.lines[lid]
        group = p.clusters[ln.cluster].label() if ln.cluster in p.clusters else ""
        return f"{ln.text}\n{p.speaker_of(lid)}\n{group}".casefold()

    def _rebuild_search(self) -> None:
        self._search = [self._search_key(lid) for lid in self._ids]

    def on_changed(self, line_ids: list, cluster_ids: list) -> None:
        p = self.controller.project
        labels = self._group_labels()
        renamed = {c for c in cluster_ids if labels.get(c) != self._labels.get(c)}
        self._labels = labels
        rows = {self._row[i] for i in line_ids if i in self._row}
        if renamed:
            # a renamed group changes the speaker/group column of every line in it
            rows.update(r for r, lid in enumerate(self._ids) if p.lines[lid].cluster in renamed)
        if not rows:
            return
        for r in rows:
            self._search[r] = self._search_key(self._ids[r])
        self._emit_rows(sorted(rows))

    def _emit_rows(self, rows: list[int]) -> None:
        """dataChanged per contiguous run of rows (a proxy then re-checks only those rows)."""
        if len(rows) > 400:
            emit(self.dataChanged, self.index(rows[0], 0), self.index(rows[-1], GROUP))
            return
        start = prev = rows[0]
        for r in rows[1:] + [None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            emit(self.dataChanged, self.index(start, 0), self.index(prev, GROUP))
            if r is not None:
                start = prev = r

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
    _ROLES = frozenset({Qt.DisplayRole, Qt.BackgroundRole, Qt.ForegroundRole, Qt.FontRole, Qt.TextAlignmentRole,
                        Qt.ToolTipRole, ID_ROLE, CLUSTER_ROLE, CONFIDENCE_ROLE, START_ROLE})

    def data(self, index, role=Qt.DisplayRole):
        if role not in self._ROLES or not index.isValid() or not 0 <= index.row() < len(self._ids):
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

    def _ordered(self) -> list[str]:
        p = self.controller.project
        pos = {lid: k for k, lid in enumerate(p.order)}
        ids = [lid for lid in p.order if p.lines[lid].is_dialogue]
        return sorted(ids, key=lambda i: (p.lines[i].confidence is None, p.lines[i].confidence or 0.0, pos[i]))

    def _needs_reorder(self, line_ids: list) -> bool:
        """Only a change of confidence or of dialogue status moves a line in the queue."""
        lines = self.controller.project.lines
        for lid in line_ids:
            ln = lines.get(lid)
            row = self._row.get(lid)
            if ln is None or (row is None) == ln.is_dialogue or self._conf.get(lid) != ln.confidence:
                return True
        return False

    def ordered_ids(self) -> list[str]:
        ids = self._ordered()
        lines = self.controller.project.lines
        self._conf = {lid: lines[lid].confidence for lid in ids}
        return ids

    def on_changed(self, line_ids: list, cluster_ids: list) -> None:
        if self._needs_reorder(line_ids) and self._ordered() != self._ids:
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
        self._accept: list[bool] | None = None   # whole-list answer, computed in one pass per filter change

    def _active(self) -> bool:
        return bool(self._needle) or self._only_cluster

    def _compute(self) -> None:
        src = self.sourceModel()
        if src is None or not self._active():
            self._accept = None
            return
        lines = src.controller.project.lines
        needle, only, cid = self._needle, self._only_cluster, self._cluster
        self._accept = [(not needle or needle in src.search_key(r))
                        and (not only or lines[src.line_id(r)].cluster == cid) for r in range(src.rowCount())]

    def set_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self._compute()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_cluster(self, cluster: int | None, enabled: bool = True) -> None:
        self.beginFilterChange()
        self._cluster, self._only_cluster = cluster, enabled
        self._compute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self._active():
            return True
        acc = self._accept
        if acc is None or source_row >= len(acc):
            self._compute()
            acc = self._accept
        return acc[source_row]

    def setSourceModel(self, source) -> None:
        # connected before the proxy's own handlers, so the answers are fresh when the proxy asks for them
        source.dataChanged.connect(self._on_source_changed)
        source.modelReset.connect(self._compute)
        source.layoutChanged.connect(self._compute)
        super().setSourceModel(source)
        self._compute()

    def _on_source_changed(self, top, bottom, roles=()) -> None:
        if self._accept is None or not self._active():
            return
        src = self.sourceModel()
        lines = src.controller.project.lines
        for r in range(top.row(), bottom.row() + 1):
            self._accept[r] = ((not self._needle or self._needle in src.search_key(r))
                               and (not self._only_cluster or lines[src.line_id(r)].cluster == self._cluster))
