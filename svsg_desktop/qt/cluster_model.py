"""The cluster panel's model: one top-level row per group (largest first: name, line count, a representative
frame thumbnail), its lines as children. Drops turn into core commands through the controller:
lines onto a group = move, a group onto a group = merge, lines onto empty space = a new group (split).

Index scheme (no Python objects in indexes): a group row has internal id 0; a line row has its group's *slot*
(a number ≥ 1 given to the group once, never reused while the model lives), so line indexes stay valid when
groups are added or removed above them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont


from .compat import emit
from .i18n import group_label, tr
from ..core.lines import format_ms
from .line_model import CLUSTER_ROLE, CONFIDENCE_ROLE, ID_ROLE
from .cluster_dnd import UNGROUPED, GroupDropMixin

#: A group lists at most this many lines in the panel (its count shows them all; Ctrl+L lists every line of the
#: group in the line list). QTreeView re-lays-out every listed row after each edit, so an unbounded 3,000-line
#: group would make every drag cost 3,000 Python callbacks.
GROUP_CAP = 300
KIND_ROLE = Qt.UserRole + 10   # "group" or "line"



class ClusterTreeModel(GroupDropMixin, QAbstractItemModel):
    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._groups: list[int] = []
        self._members: dict[int, list[str]] = {}
        self._thumbs: dict[int, object] = {}    # group id -> QPixmap/QIcon, set by the thumbnail loader
        self._slot: dict[int, int] = {}
        self._by_slot: dict[int, int] = {}
        self._next_slot = 0
        self._row_of: dict[int, int] = {}
        self._shown: dict[int, int] = {}       # group id -> how many of its lines are listed (GROUP_CAP)
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        controller.projectReset.connect(self.reset)
        controller.changed.connect(self.on_changed)
        self.reset()

    # -- structure ----------------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Rebuild everything and sort groups by size (on open, after a re-cluster). Edits in between update rows
        in place and keep the order stable, so groups never jump under the annotator's mouse."""
        self.beginResetModel()
        p = self.controller.project
        self._pos = {lid: k for k, lid in enumerate(p.order)}
        members: dict[int, list[str]] = {cid: [] for cid in p.clusters}
        loose: list[str] = []
        for lid in p.order:
            c = p.lines[lid].cluster
            if c is None:
                loose.append(lid)
            else:
                members.setdefault(c, []).append(lid)
        groups = sorted(members, key=lambda c: (-len(members[c]), c))
        if loose:
            members[UNGROUPED] = loose
            groups.append(UNGROUPED)
        self._groups, self._members = groups, members
        self._where = {lid: cid for cid, ids in members.items() for lid in ids}
        self._shown = {cid: min(len(ids), GROUP_CAP) for cid, ids in members.items()}
        for cid in groups:
            self._give_slot(cid)
        self._reindex()
        self.endResetModel()

    def _give_slot(self, cid: int) -> None:
        if cid not in self._slot:
            self._next_slot += 1
            self._slot[cid] = self._next_slot
            self._by_slot[self._next_slot] = cid

    def _reindex(self) -> None:
        self._row_of = {cid: r for r, cid in enumerate(self._groups)}

    def on_changed(self, line_ids: list, cluster_ids: list) -> None:
        """Apply an edit as row moves: lines leave their old group and enter the new one; groups that appear are
        added at the end, groups that vanish are removed."""
        p = self.controller.project
        if len(line_ids) > 2000 or any(i not in self._pos for i in line_ids):
            self.reset()
            return
        moved: dict[str, tuple[int | None, int]] = {}
        for lid in line_ids:
            new = p.lines[lid].cluster if lid in p.lines else None
            new = UNGROUPED if new is None else new
            old = self._where.get(lid)
            if old != new:
                moved[lid] = (old, new)
        for old in sorted({o for o, _ in moved.values() if o is not None}, key=self._groups.index):
            leaving = {lid for lid, (o, _) in moved.items() if o == old}
            self._remove_children(old, [r for r, lid in enumerate(self._members[old]) if lid in leaving])
        for lid, (_, new) in sorted(moved.items(), key=lambda kv: self._pos[kv[0]]):
            if new not in self._members:
                self._add_group(new)
            self._insert_child(new, lid)
        for cid in [c for c in self._groups if c != UNGROUPED and c not in p.clusters] + \
                [UNGROUPED] * (UNGROUPED in self._groups and not self._members[UNGROUPED]):
            self._remove_group(cid)
        for cid in p.clusters:
            if cid not in self._members:
                self._add_group(cid)
        for cid in set(cluster_ids) | {n for _, n in moved.values()} | {o for o, _ in moved.values()}:
            idx = self.group_index(cid)
            if idx.isValid():
                emit(self.dataChanged, idx, self.index(idx.row(), 1))

    def _remove_children(self, cid: int, rows: list[int]) -> None:
        """Remove member rows (ascending); only listed rows are announced."""
        parent = self.group_index(cid)
        ids = self._members[cid]
        while rows:                       # contiguous runs, last first
            last = rows.pop()
            first = last
            while rows and rows[-1] == first - 1:
                first = rows.pop()
            shown = self._shown.get(cid, 0)
            if last >= shown:             # the part beyond the cap goes silently
                lo = max(first, shown)
                for lid in ids[lo:last + 1]:
                    self._where.pop(lid, None)
                del ids[lo:last + 1]
                last = lo - 1
            if first <= last:
                self.beginRemoveRows(parent, first, last)
                for lid in ids[first:last + 1]:
                    self._where.pop(lid, None)
                del ids[first:last + 1]
                self._shown[cid] = shown - (last - first + 1)
                self.endRemoveRows()

    def _insert_child(self, cid: int, lid: str) -> None:
        import bisect
        ids = self._members[cid]
        row = bisect.bisect_left([self._pos[i] for i in ids], self._pos[lid])
        shown = self._shown.get(cid, 0)
        if row < shown or shown == len(ids):
            self.beginInsertRows(self.group_index(cid), row, row)
            ids.insert(row, lid)
            self._shown[cid] = shown + 1
            self._where[lid] = cid
            self.endInsertRows()
        else:
            ids.insert(row, lid)
            self._where[lid] = cid

    def _add_group(self, cid: int) -> None:
        row = len(self._groups) - (1 if cid != UNGROUPED and UNGROUPED in self._groups else 0)
        self._give_slot(cid)
        self.beginInsertRows(QModelIndex(), row, row)
        self._groups.insert(row, cid)
        self._members[cid] = []
        self._shown[cid] = 0
        self._reindex()
        self.endInsertRows()

    def _remove_group(self, cid: int) -> None:
        row = self._groups.index(cid)
        if self._members[cid]:
            self._remove_children(cid, list(range(len(self._members[cid]))))
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._groups[row]
        del self._members[cid]
        self._shown.pop(cid, None)
        self._reindex()
        self.endRemoveRows()

    def groups(self) -> list[int]:
        return list(self._groups)

    def members(self, cluster: int) -> list[str]:
        return list(self._members.get(cluster, ()))

    def group_index(self, cluster: int, column: int = 0) -> QModelIndex:
        row = self._row_of.get(cluster)
        return QModelIndex() if row is None else self.createIndex(row, column, 0)

    def set_thumbnail(self, cluster: int, pixmap) -> None:
        self._thumbs[cluster] = pixmap
        idx = self.group_index(cluster)
        if idx.isValid():
            emit(self.dataChanged, idx, idx, [Qt.DecorationRole])

    def representative_line(self, cluster: int) -> str | None:
        """The most confident line of a group (its middle line when no confidence is known)."""
        ids = self._members.get(cluster) or []
        if not ids:
            return None
        lines = self.controller.project.lines
        scored = [i for i in ids if lines[i].confidence is not None]
        if scored:
            return max(scored, key=lambda i: (lines[i].confidence, lines[i].duration))
        return ids[len(ids) // 2]

    def cluster_of(self, index: QModelIndex) -> int | None:
        """The group an index belongs to (the group itself, or a line's group)."""
        if not index.isValid():
            return None
        iid = index.internalId()
        if iid == 0:
            row = index.row()
            return self._groups[row] if 0 <= row < len(self._groups) else None
        return self._by_slot.get(iid)

    def line_id_of(self, index: QModelIndex) -> str | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        ids = self._members.get(self._by_slot.get(index.internalId()), ())
        return ids[index.row()] if 0 <= index.row() < len(ids) else None

    def index(self, row, column, parent=QModelIndex()):
        if column < 0 or column >= 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        cid = self._groups[parent.row()]
        if row >= self._shown.get(cid, 0):
            return QModelIndex()
        return self.createIndex(row, column, self._slot[cid])

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        row = self._row_of.get(self._by_slot.get(index.internalId()))
        return QModelIndex() if row is None else self.createIndex(row, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._groups):
            return self._shown.get(self._groups[parent.row()], 0)
        return 0

    def hasChildren(self, parent=QModelIndex()) -> bool:
        if not parent.isValid():
            return bool(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._groups):
            return bool(self._members[self._groups[parent.row()]])
        return False

    def columnCount(self, parent=QModelIndex()) -> int:
        return 2

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and section in (0, 1):
            return (tr("Group"), tr("Lines"))[section]
        return None

    # -- data ---------------------------------------------------------------------------------------------------
    _ROLES = frozenset({Qt.DisplayRole, Qt.EditRole, Qt.DecorationRole, Qt.FontRole, Qt.ToolTipRole,
                        Qt.TextAlignmentRole, Qt.ForegroundRole, ID_ROLE, CLUSTER_ROLE, CONFIDENCE_ROLE, KIND_ROLE})

    def data(self, index, role=Qt.DisplayRole):
        if role not in self._ROLES or not index.isValid():
            return None
        p = self.controller.project
        if index.internalId() == 0:
            cid = self._groups[index.row()]
            n = len(self._members[cid])
            if role == Qt.DisplayRole:
                if index.column() == 1:
                    return str(n)
                if cid == UNGROUPED:
                    return tr("Not grouped")
                c = p.clusters.get(cid)
                return group_label(cid, c.name if c is not None else "")   # (c is None: a group being removed)
            if role == Qt.EditRole and index.column() == 0 and cid != UNGROUPED:
                c = p.clusters.get(cid)
                return c.name if c is not None else ""
            if role == Qt.DecorationRole and index.column() == 0:
                return self._thumbs.get(cid)
            if role == Qt.FontRole and index.column() == 0:
                return self._bold
            if role == CLUSTER_ROLE:
                return None if cid == UNGROUPED else cid
            if role == KIND_ROLE:
                return "group"
            if role == Qt.ToolTipRole:
                tip = f"{n} " + tr("lines")
                if n > self._shown.get(cid, 0):
                    tip += "\n" + tr("The first %1 are listed here; Ctrl+L lists them all in the line list."
                                      ).replace("%1", str(self._shown.get(cid, 0)))
                return tip
            if role == Qt.TextAlignmentRole and index.column() == 1:
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return None
        lid = self.line_id_of(index)
        if lid is None:
            return None
        ln = p.lines[lid]
        if role == Qt.DisplayRole:
            if index.column() == 0:
                return ln.text.replace("\n", " / ")
            return format_ms(ln.start)
        if role == ID_ROLE:
            return lid
        if role == CLUSTER_ROLE:
            return ln.cluster
        if role == CONFIDENCE_ROLE:
            return ln.confidence
        if role == KIND_ROLE:
            return "line"
        if role == Qt.FontRole and ln.pinned and index.column() == 0:
            return self._italic
        if role == Qt.ToolTipRole:
            conf = "—" if ln.confidence is None else f"{round(100 * ln.confidence)}%"
            return f"{lid}  {format_ms(ln.start)}  {conf}{'  ✔' if ln.pinned else ''}\n{ln.text}"
        return None

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        """Editing a group's name in place = a rename command."""
        if role != Qt.EditRole or not index.isValid() or index.internalId() != 0 or index.column() != 0:
            return False
        cid = self._groups[index.row()]
        if cid == UNGROUPED:
            return False
        return self.controller.rename_cluster(cid, str(value))

    # flag sets computed once (combining Qt enums in Python is slow, and flags() runs for every row on expand)
    _BASE = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled
    _LOOSE_LINE = _BASE | Qt.ItemNeverHasChildren
    _LINE = _LOOSE_LINE | Qt.ItemIsDropEnabled
    _GROUP = _BASE | Qt.ItemIsDropEnabled
    _GROUP_NAME = _GROUP | Qt.ItemIsEditable

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        iid = index.internalId()
        if iid == 0:
            if self._groups[index.row()] == UNGROUPED:
                return self._BASE
            return self._GROUP_NAME if index.column() == 0 else self._GROUP
        return self._LOOSE_LINE if self._by_slot.get(iid) == UNGROUPED else self._LINE
