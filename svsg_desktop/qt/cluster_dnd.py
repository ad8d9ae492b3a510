"""Drag and drop for the cluster panel. Drops turn into core commands through the controller: lines onto a
group = move, a group onto a group = merge, lines onto empty space = a new group (split). A drag source never
removes anything (the models refuse ``removeRows``); the command does the work."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from .mime import (CLUSTER_ID_MIME, LINE_IDS_MIME, cluster_id_mime, decode_cluster_id, decode_line_ids,
                   line_ids_mime)

UNGROUPED = -1   # the pseudo-group of lines with no group (not a drop target)


class GroupDropMixin:
    """Mixed into :class:`~svsg_desktop.qt.cluster_model.ClusterTreeModel` (uses its ``_groups``, ``_members``,
    ``cluster_of``, ``line_id_of`` and ``controller``)."""

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
