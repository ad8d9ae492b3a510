"""The controller: owns the core :class:`Project` and a ``QUndoStack``; every edit is a core command.

Each core command is wrapped by one thin :class:`CoreUndoCommand` that applies it and keeps its inverse. The
controller applies the command *before* pushing (so a refused edit raises here, in Python, and never half-runs
inside Qt's ``push``), and after every push / undo / redo hands a snapshot of the project to the writer thread,
which writes the project CSV at once, atomically (the IO layer's ``save_project``). Writing a 5,000-line season
takes longer than a drag may, so the UI thread never waits for the disk; ``flush()`` does. Until the writer is
done, the core's edit journal holds every edit (``core/journal.py``: each edit goes through ``apply_edit`` /
``undo_edit`` of the project's :class:`EditSession`, which also holds the project's lock; a project another svsg
holds opens read-only).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack


from .compat import emit
from .i18n import tr
from .saver import ProjectWriter
from .undo_text import undo_text
from ..core import commands as C
from ..core.errors import SvsgError
from ..core.journal import EditSession, apply_edit, is_human, undo_edit
from ..core.lines import Flag
from ..core.project import Project

log = logging.getLogger(__name__)


def write_project(project: Project, path: str | Path) -> None:
    """The one place the app writes a project CSV (the IO layer's atomic, utf-8-sig writer)."""
    from ..core.io import save_project

    save_project(project, path)


def read_project(path: str | Path) -> Project:
    from ..core.io import load_project

    return load_project(path)


def _touched(inverse) -> tuple[list[str], list[int]]:
    """Line and group ids an applied command touched, read from its inverse (a ``Restore``)."""
    lines = [ln.id for ln in getattr(inverse, "lines", ())]
    clusters = [cid for cid, _ in getattr(inverse, "clusters", ())]
    return lines, clusters


class CoreUndoCommand(QUndoCommand):
    """One core command on the undo stack. ``redo`` re-applies it, ``undo`` applies the stored inverse."""

    def __init__(self, controller: "Controller", command, inverse) -> None:
        super().__init__(undo_text(command, controller.project))
        self._controller = controller
        self.command = command
        self.inverse = inverse
        self._skip_first_redo = True   # the controller already applied it before push()
        self._human = is_human(command)

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
        else:
            self.inverse = self._controller._apply(self.command)
        self._controller._after_change(self.inverse)

    def undo(self) -> None:
        self._controller._after_change(self._controller._undo(self.inverse, self._human))


class Controller(QObject):
    """The app's single source of edits. Views ask it for commands; models listen to its signals."""

    projectReset = Signal()               # a whole new project (open, re-cluster result)
    changed = Signal(list, list)          # line ids, group ids touched by an edit / undo / redo
    saved = Signal(str)                   # path written
    saveFailed = Signal(str)              # English message (also logged)
    commandFailed = Signal(str)           # a refused edit (e.g. merging a group into itself)
    renameClash = Signal(int, int, str)   # group, the other group that has that name already, the name

    def __init__(self, project: Project | None = None, path: str | Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project or Project()
        self.path: Path | None = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.save_count = 0          # snapshots handed to the writer
        self.writer = ProjectWriter(write_project, self)
        self.writer.saved.connect(self._on_saved)
        self.writer.failed.connect(self._on_save_failed)
        self.session: EditSession | None = None   # lock + edit journal of the project on disk
        self.read_only = ""                       # why edits are refused ("" = editable)
        self._open_session()

    # -- project lifetime ---------------------------------------------------------------------------------------
    def set_project(self, project: Project, path: str | Path | None = None, *, save: bool = False) -> None:
        self._close_session()
        self.undo_stack.clear()
        self.project = project
        self.path = Path(path) if path else None
        self._open_session()
        if save:
            self.save()
        emit(self.projectReset)

    def open_project(self, path: str | Path) -> Project:
        self.flush()
        project = read_project(path)
        self.set_project(project, path)
        return project

    def save(self) -> bool:
        """Hand the current state to the writer thread (returns at once)."""
        if self.path is None or self.read_only:
            return False
        self.writer.submit(self.project, self.path)
        self.save_count += 1
        return True

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until the project CSV on disk matches the latest edit."""
        return self.writer.flush(timeout)

    def close(self) -> bool:
        ok = self.writer.close()
        self._close_session(saved=ok)
        return ok

    def _open_session(self) -> None:
        """Lock the project and start its edit journal; another svsg holding it → read-only (``read_only``)."""
        from ..core.io.lock import ProjectLocked

        self.read_only = ""
        if self.path is None:
            return
        try:
            self.session = EditSession(self.project, self.path)
        except ProjectLocked as exc:
            self.read_only = str(exc)
            log.warning("opened read-only: %s", exc)
        except SvsgError as exc:     # e.g. an unwritable folder: edits stay in memory, each save reports it
            log.error("no edit journal for %s: %s", self.path, exc)

    def _close_session(self, saved: bool | None = None) -> None:
        if self.session is not None:
            ok = self.flush() if saved is None else saved
            self.session.close(saved=ok)
            self.session = None

    def _apply(self, command):
        return apply_edit(self.project, command, self.session.journal if self.session else None)

    def _undo(self, inverse, human: bool):
        return undo_edit(self.project, inverse, human=human, journal=self.session.journal if self.session else None)

    def _on_saved(self, path: str) -> None:
        emit(self.saved, path)

    def _on_save_failed(self, msg: str) -> None:
        if self.session is not None:      # the edits are not lost: say where they are
            msg += (f" — every edit is kept in {self.session.journal.path} and comes back when the project is "
                    "opened again")
        emit(self.saveFailed, msg)

    # -- edits --------------------------------------------------------------------------------------------------
    def execute(self, command) -> bool:
        """Apply a core command through the undo stack. Returns False (and emits ``commandFailed``) if refused."""
        if self.read_only:
            emit(self.commandFailed, f"read-only, edits are not saved: {self.read_only}")
            return False
        try:
            inverse = self._apply(command)
        except SvsgError as exc:
            log.info("edit refused: %s", exc)
            emit(self.commandFailed, str(exc))
            return False
        self.undo_stack.push(CoreUndoCommand(self, command, inverse))
        return True

    def move_lines(self, line_ids: Iterable[str], cluster: int) -> bool:
        """Move lines to a group. Lines already there are *confirmed*: the command pins them (checked by a human),
        so pressing the number of the right group is how an annotator says "this one is right"."""
        ids = tuple(line_ids)
        lines = self.project.lines
        if not ids or all(i in lines and lines[i].cluster == cluster and lines[i].pinned for i in ids):
            return False
        return self.execute(C.MoveLines(ids, int(cluster)))

    def merge_clusters(self, source: int, target: int) -> bool:
        return self.execute(C.MergeClusters(int(source), int(target)))

    def merge_many(self, sources: Iterable[int], target: int) -> bool:
        """Several groups into one: one gesture, one undo step."""
        merges = tuple(C.MergeClusters(int(s), int(target)) for s in dict.fromkeys(sources) if s != target)
        if len(merges) == 1:
            return self.execute(merges[0])
        label = tr("Merge %1 groups").replace("%1", str(len(merges) + 1))
        return bool(merges) and self.execute(C.Batch(merges, label))

    def clear_flags(self, line_ids: Iterable[str]) -> bool:
        """Every mark off the given lines as one undo step."""
        lines = self.project.lines
        ids = [i for i in line_ids if i in lines]
        cmds = tuple(C.SetFlag(tuple(i for i in ids if f in lines[i].flags), f, False) for f in Flag
                     if any(f in lines[i].flags for i in ids))
        if len(cmds) == 1:
            return self.execute(cmds[0])
        label = tr("Clear the marks of %1 line(s)").replace("%1", str(len(ids)))
        return bool(cmds) and self.execute(C.Batch(cmds, label))

    def set_line_speaker(self, line_id: str, name: str) -> bool:
        """One line's speaker: ``A/B`` = several speakers on that line; a single name moves the line to the
        group with that name (a new group when no group has it)."""
        name = name.strip()
        if not name or line_id not in self.project.lines or name == self.project.speaker_of(line_id):
            return False
        if "/" in name:
            return self.execute(C.SetLineSpeaker(line_id, name))
        other = self.group_named(name)
        if other is not None:
            return self.move_lines([line_id], other)
        return self.split_lines([line_id], name)

    def group_named(self, name: str, *, besides: int | None = None) -> int | None:
        key = name.strip().casefold()
        return next((cid for cid, c in self.project.clusters.items()
                     if key and cid != besides and c.name.strip().casefold() == key), None)

    def split_lines(self, line_ids: Iterable[str], name: str = "") -> bool:
        ids = tuple(line_ids)
        return bool(ids) and self.execute(C.SplitLines(ids, name))

    def rename_cluster(self, cluster: int, name: str, *, allow_same_name: bool = False) -> bool:
        """Rename a group. When another group has that name already, nothing happens here: ``renameClash`` asks
        the window to offer a merge (or ``allow_same_name`` renames anyway)."""
        c = self.project.clusters.get(cluster)
        if c is not None and c.name == name.strip():
            return False
        other = self.group_named(name, besides=cluster)
        if other is not None and not allow_same_name:
            emit(self.renameClash, int(cluster), int(other), name.strip())
            return False
        return self.execute(C.RenameCluster(int(cluster), name))

    def set_flag(self, line_ids: Iterable[str], flag: Flag, on: bool = True) -> bool:
        ids = tuple(line_ids)
        return bool(ids) and self.execute(C.SetFlag(ids, flag, on))

    def apply_grouping(self, command: C.AssignClusters | None) -> bool:
        """The label job's result (``core/workspace.label_job``) as one undoable step; lines a human pinned never
        move (``AssignClusters`` keeps them). False when there was nothing to group."""
        return command is not None and self.execute(command)

    # -- queries ------------------------------------------------------------------------------------------------
    def known_names(self) -> list[str]:
        return sorted({c.name for c in self.project.clusters.values() if c.name}
                      | {ln.speaker for ln in self.project.lines.values() if ln.speaker})

    # -- internals ----------------------------------------------------------------------------------------------
    def _after_change(self, inverse) -> None:
        lines, clusters = _touched(inverse)
        self.save()
        emit(self.changed, lines, clusters)
