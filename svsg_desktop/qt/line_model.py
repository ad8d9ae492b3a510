"""The line list: a thin table adapter over the controller's project, by stable line id.

Columns: time, text, speaker, confidence (a coloured badge), group. Filtering (a case-insensitive substring over
text + speaker + group, optionally one group only) is done here, in one Python pass over precomputed keys, and
shown with a model reset: a QSortFilterProxyModel would call back into Python once per row on every keystroke,
which is what made a 5,000-line season slow. The review queue is the same adapter ordered by confidence.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont


from .compat import emit
from .i18n import group_label, tr
from ..core.lines import Flag, format_ms
from .mime import LINE_IDS_MIME, line_ids_mime

ID_ROLE = Qt.UserRole + 1          # str line id
CLUSTER_ROLE = Qt.UserRole + 2     # int group id or None
CONFIDENCE_ROLE = Qt.UserRole + 3  # float or None
START_ROLE = Qt.UserRole + 4       # int ms

TIME, TEXT, SPEAKER, CONFIDENCE, GROUP = range(5)



def confidence_colour(conf: float | None, review_below: float = 0.5) -> QColor | None:
    if conf is None:
        return None
    if conf < review_below:
        return QColor(231, 76, 60)     # red: check this line
    if conf < (1 + review_below) / 2:
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


#: What the line list can show: every line, lines nobody checked yet, checked lines, dialogue lines without a
#: speaker name, lines below the review threshold.
SHOW_STATES = ("all", "unchecked", "checked", "unnamed", "low")


def line_state_matches(show: str, ln, speaker: str, review_below: float) -> bool:
    if show == "unchecked":
        return not ln.pinned and ln.is_dialogue
    if show == "checked":
        return ln.pinned
    if show == "unnamed":
        return ln.is_dialogue and not speaker
    if show == "low":
        return ln.is_dialogue and not ln.pinned and ln.confidence is not None and ln.confidence < review_below
    return True


class LineListModel(QAbstractTableModel):
    """Rows = lines in time order (or in review order in :class:`ReviewQueueModel`)."""

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._all: list[str] = []              # every line, in this model's order
        self._ids: list[str] = []              # the rows shown (the filter applied)
        self._row: dict[str, int] = {}
        self._search: dict[str, str] = {}
        self._labels: dict[int, str] = {}
        self._needle = ""
        self._only: int | None = None          # restrict to one group (None: all)
        self._show = "all"                     # one of SHOW_STATES
        self._by_confidence = False            # rows least confident first instead of in time order
        self._review_below = 0.5
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
        self._all = self.ordered_ids()
        self._search = {lid: self._search_key(lid) for lid in self._all}
        self._labels = self._group_labels()
        self._apply_filter()
        self.endResetModel()

    def _visible(self, lid: str) -> bool:
        if self._needle and self._needle not in self._search[lid]:
            return False
        if self._only is None and self._show == "all":
            return True
        p = self.controller.project
        ln = p.lines[lid]
        if self._only is not None and ln.cluster != self._only:
            return False
        return self._show == "all" or line_state_matches(self._show, ln, p.speaker_of(lid), self._review_below)

    def _filtering(self) -> bool:
        return bool(self._needle) or self._only is not None or self._show != "all"

    def _apply_filter(self) -> None:
        if self._filtering():
            self._ids = [lid for lid in self._all if self._visible(lid)]
        else:
            self._ids = list(self._all)
        if self._by_confidence:
            lines = self.controller.project.lines
            self._ids.sort(key=lambda i: (lines[i].confidence is None, lines[i].confidence or 0.0))
        self._row = {lid: r for r, lid in enumerate(self._ids)}

    def set_view(self, show: str | None = None, by_confidence: bool | None = None) -> None:
        """Which lines (``SHOW_STATES``) and in which order (time, or least confident first)."""
        show = self._show if show is None else show
        by_conf = self._by_confidence if by_confidence is None else by_confidence
        if (show, by_conf) == (self._show, self._by_confidence):
            return
        self.beginResetModel()
        self._show, self._by_confidence = show, by_conf
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, text: str | None = None, cluster: int | None | bool = False) -> None:
        """Change the text filter (None: keep) and/or the group restriction (False: keep; None: all groups)."""
        needle = self._needle if text is None else text.strip().casefold()
        only = self._only if cluster is False else cluster
        if (needle, only) == (self._needle, self._only):
            return
        self.beginResetModel()
        self._needle, self._only = needle, only
        self._apply_filter()
        self.endResetModel()

    def set_review_below(self, value: float) -> None:
        """The confidence under which a badge is red (Settings ▸ Review lines below)."""
        if value != self._review_below:
            self._review_below = value
            if self._ids:
                emit(self.dataChanged, self.index(0, CONFIDENCE), self.index(len(self._ids) - 1, CONFIDENCE))

    def only_group(self) -> int | None:
        return self._only

    def _group_labels(self) -> dict[int, str]:
        return {cid: group_label(cid, c.name) for cid, c in self.controller.project.clusters.items()}

    def _search_key(self, lid: str) -> str:
        p = self.controller.project
        ln = p.lines[lid]
        c = p.clusters.get(ln.cluster) if ln.cluster is not None else None
        group = group_label(c.id, c.name) if c is not None else ""
        return f"{ln.text}\n{p.speaker_of(lid)}\n{group}".casefold()

    def on_changed(self, line_ids: list, cluster_ids: list) -> None:
        p = self.controller.project
        labels = self._group_labels()
        renamed = {c for c in cluster_ids if labels.get(c) != self._labels.get(c)}
        self._labels = labels
        touched = {i for i in line_ids if i in self._search}
        if renamed:
            # a renamed group changes the speaker/group column of every line in it
            touched.update(lid for lid in self._all if p.lines[lid].cluster in renamed)
        if not touched:
            return
        for lid in touched:
            self._search[lid] = self._search_key(lid)
        if self._filtering() and any(self._visible(i) != (i in self._row) for i in touched):
            self.beginResetModel()              # an edited line entered or left the filter
            self._apply_filter()
            self.endResetModel()
            return
        rows = sorted(self._row[i] for i in touched if i in self._row)
        if rows:
            self._emit_rows(rows)

    def _emit_rows(self, rows: list[int]) -> None:
        """dataChanged per contiguous run of rows."""
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
        return self._search[self._ids[row]]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < 5:
            return (tr("Time"), tr("Text"), tr("Speaker"), tr("Conf."), tr("Group"))[section]
        return None

    # -- data ---------------------------------------------------------------------------------------------------
    _ROLES = frozenset({Qt.DisplayRole, Qt.EditRole, Qt.BackgroundRole, Qt.ForegroundRole, Qt.FontRole,
                        Qt.TextAlignmentRole,
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
                return group_label(c.id, c.name) if c else ""
            return None
        if role == Qt.EditRole:
            return p.speaker_of(lid) if col == SPEAKER else None
        if role == ID_ROLE:
            return lid
        if role == CLUSTER_ROLE:
            return ln.cluster
        if role == CONFIDENCE_ROLE:
            return ln.confidence
        if role == START_ROLE:
            return ln.start
        if role == Qt.BackgroundRole and col == CONFIDENCE:
            colour = confidence_colour(None if ln.pinned else ln.confidence, self._review_below)
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
        if not index.isValid():
            return base
        base |= Qt.ItemIsDragEnabled
        return base | Qt.ItemIsEditable if index.column() == SPEAKER else base

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        """The speaker cell of one line (Shift+F2): see ``Controller.set_line_speaker``."""
        if role != Qt.EditRole or not index.isValid() or index.column() != SPEAKER:
            return False
        return self.controller.set_line_speaker(self._ids[index.row()], str(value or ""))

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
            queued = lid in self._conf
            if ln is None or queued != ln.is_dialogue or (queued and self._conf[lid] != ln.confidence):
                return True
        return False

    def ordered_ids(self) -> list[str]:
        ids = self._ordered()
        lines = self.controller.project.lines
        self._conf = {lid: lines[lid].confidence for lid in ids}
        return ids

    def on_changed(self, line_ids: list, cluster_ids: list) -> None:
        # confidences changed (a re-cluster) or lines left the dialogue: rows move
        if self._needs_reorder(line_ids) and self._ordered() != self._all:
            emit(self.layoutAboutToBeChanged)
            old = dict(self._row)
            self._all = self.ordered_ids()
            for lid in self._all:
                self._search[lid] = self._search_key(lid)
            self._apply_filter()
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
