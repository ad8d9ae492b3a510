"""The cluster panel's model: one top-level row per group (largest first: name, line count, a representative
frame thumbnail), its lines as children. Drops turn into core commands through the controller:
lines onto a group = move, a group onto a group = merge, lines onto empty space = a new group (split).

Index scheme (no Python objects in indexes): a group row has internal id 0; a line row has internal id
``group_row + 1``.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont


from .compat import emit
from .i18n import tr
from ..core.lines import format_ms
from .line_model import CLUSTER_ROLE, CONFIDENCE_ROLE, ID_ROLE, confidence_colour
from .mime import (CLUSTER_ID_MIME, LINE_IDS_MIME, cluster_id_mime, decode_cluster_id, decode_line_ids,
                   line_ids_mime)

UNGROUPED = -1   # the pseudo-group of lines with no group (not a drop target)
KIND_ROLE = Qt.UserRole + 10   # "group" or "line"



class ClusterTreeModel(QAbstractItemModel):
    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._groups: list[int] = []
        self._members: dict[int, list[str]] = {}
        self._thumbs: dict[int, object] = {}    # group id -> QPixmap/QIcon, set by the thumbnail loader
        self._bold = QFont()
        self._bold.setBold(True)
        controller.projectReset.connect(self.reset)
        controller.changed.connect(lambda *_: self.reset())
        self.reset()

    # -- structure ----------------------------------------------------------------------------------------------
    def reset(self) -> None:
        self.beginResetModel()
        p = self.controller.project
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
        self.endResetModel()

    def groups(self) -> list[int]:
        return list(self._groups)

    def members(self, cluster: int) -> list[str]:
        return list(self._members.get(cluster, ()))

    def group_index(self, cluster: int, column: int = 0) -> QModelIndex:
        try:
            return self.index(self._groups.index(cluster), column)
        except ValueError:
            return QModelIndex()

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
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def line_id_of(self, index: QModelIndex) -> str | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        ids = self._members[self._groups[index.internalId() - 1]]
        return ids[index.row()] if 0 <= index.row() < len(ids) else None

    def index(self, row, column, parent=QModelIndex()):
        if column < 0 or column >= 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= len(self._members[self._groups[parent.row()]]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._groups):
            return len(self._members[self._groups[parent.row()]])
        return 0

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

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
                return tr("Not grouped") if cid == UNGROUPED else p.clusters[cid].label()
            if role == Qt.EditRole and index.column() == 0 and cid != UNGROUPED:
                return p.clusters[cid].name
            if role == Qt.DecorationRole and index.column() == 0:
                return self._thumbs.get(cid)
            if role == Qt.FontRole and index.column() == 0:
                return self._bold
            if role == CLUSTER_ROLE:
                return None if cid == UNGROUPED else cid
            if role == KIND_ROLE:
                return "group"
            if role == Qt.ToolTipRole:
                return f"{n} " + tr("lines")
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
        if role == Qt.ForegroundRole and index.column() == 0 and not ln.pinned:
            colour = confidence_colour(ln.confidence)
            if colour is not None and ln.confidence < 0.5:
                return QBrush(colour)
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
        return self._LOOSE_LINE if self._groups[iid - 1] == UNGROUPED else self._LINE

    # -- drag and drop ------------------------------------------------------------------------------------------
    def mimeTypes(self):
        return [LINE_IDS_MIME, CLUSTER_ID_MIME]

    def supportedDragActions(self):
        return Qt.MoveAction

    def supportedDropActions(self):
        return Qt.MoveAction | Qt.CopyAction

    def mimeData(self, indexes):
        lines = [self.line_id_of(i) for i in indexes if i.isValid() and i.internalId() != 0]
        lines = [lid for lid in dict.fromkeys(lines) if lid]
        if lines:
            return line_ids_mime(lines)
        groups = [self.cluster_of(i) for i in indexes if i.isValid()]
        groups = [g for g in dict.fromkeys(groups) if g is not None]
        if not groups:
            return None
        if groups[0] == UNGROUPED:
            return line_ids_mime(self._members[UNGROUPED])
        mime = cluster_id_mime(groups[0])
        return line_ids_mime(self._members[groups[0]], mime)   # also droppable where only lines make sense

    def _target(self, row: int, parent: QModelIndex) -> int | None:
        """The group a drop lands on: the parent item's group; between two top rows, the row's group."""
        if parent.isValid():
            return self.cluster_of(parent)
        if 0 <= row < len(self._groups):
            return self._groups[row]
        return None   # empty space below the groups

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        if action == Qt.IgnoreAction:
            return False
        target = self._target(row, parent)
        if target == UNGROUPED:
            return False
        source = decode_cluster_id(data)
        if source is not None:
            return target is not None and target != source and source in self.controller.project.clusters
        ids = decode_line_ids(data)
        return bool(ids) and all(i in self.controller.project.lines for i in ids)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._target(row, parent)
        source = decode_cluster_id(data)
        if source is not None:
            return self.controller.merge_clusters(source, target)
        ids = decode_line_ids(data)
        if target is None:
            return self.controller.split_lines(ids)
        # (the source view may then call removeRows, which these models refuse: nothing is removed by a drag)
        return self.controller.move_lines(ids, target)
