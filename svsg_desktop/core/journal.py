"""The edit journal: every acknowledged edit is on disk before the edit returns, and replayed on open.

Saving the whole project CSV after each edit takes too long to do synchronously, so the writer waits for a pause
and a crash (kill -9, power cut) in that window would lose the last edits. The journal ``NAME.svsg.journal``
(JSON lines, UTF-8, beside the CSV) closes the window: :func:`apply_edit` applies a core command, then appends
the *result* (the full records of the lines and groups the edit touched, and the change of the corrections log)
and ``fsync``-s it before returning. An edit whose entry could not be written is undone and refused.

Entries are numbered (``seq``). The project sidecar records the project's ``project_id`` and the ``journal_seq``
of the last edit the saved CSV contains; :func:`replay_journal` (called by ``load_project``) applies the entries
of the same project with a higher number. Entries hold absolute values, so replaying one that is already in the
CSV changes nothing. A torn last entry (a kill during the append: that edit was never acknowledged) is ignored.

:class:`EditSession` ties it together for any front end: it holds the project lock, makes sure the project's id
is on disk, journals every edit, and removes the journal on a clean close (the CSV then holds everything).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from .errors import InputError
from .lines import Flag, Line
from .project import Cluster, Project

log = logging.getLogger(__name__)

JOURNAL_SUFFIX = ".svsg.journal"
JOURNAL_FORMAT = "svsg-journal"


def journal_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.stem + JOURNAL_SUFFIX)


# -- entries ------------------------------------------------------------------------------------------------------
def _line_to_dict(ln: Line) -> dict:
    return {"id": ln.id, "start": ln.start, "end": ln.end, "text": ln.text, "speaker": ln.speaker,
            "cluster": ln.cluster, "confidence": ln.confidence, "flags": sorted(f.value for f in ln.flags),
            "pinned": ln.pinned, "kept": ln.kept, "style": ln.style, "source_index": ln.source_index}


def _line_from_dict(d: dict) -> Line:
    return Line(id=d["id"], start=int(d["start"]), end=int(d["end"]), text=d["text"], speaker=d["speaker"],
                cluster=d["cluster"], confidence=d["confidence"], flags=frozenset(Flag(f) for f in d["flags"]),
                pinned=bool(d["pinned"]), kept=bool(d.get("kept", False)), style=d["style"],
                source_index=d["source_index"])


def make_entry(project: Project, inverse: Any, log_before: int) -> dict:
    """The state an edit left, for the lines and groups it touched (read from its inverse, a ``Restore``; a
    command with another kind of inverse journals every line and group)."""
    if hasattr(inverse, "lines") and hasattr(inverse, "clusters"):
        line_ids = [ln.id for ln in inverse.lines]
        cluster_ids = [cid for cid, _ in inverse.clusters]
    else:
        line_ids, cluster_ids = list(project.lines), list(project.clusters)
    keep = min(log_before, len(project.corrections))
    return {"lines": [_line_to_dict(project.lines[i]) for i in dict.fromkeys(line_ids) if i in project.lines],
            "clusters": [[cid, project.clusters[cid].name if cid in project.clusters else None]
                         for cid in dict.fromkeys(cluster_ids)],
            "log": [keep, project.corrections[keep:]]}


def apply_entry(project: Project, entry: dict) -> None:
    """Apply one entry, all or nothing (a damaged entry raises before anything changes)."""
    lines = [_line_from_dict(d) for d in entry["lines"]]
    clusters = [(int(cid), None if name is None else str(name)) for cid, name in entry["clusters"]]
    keep, tail = int(entry["log"][0]), list(entry["log"][1])
    for ln in lines:
        if ln.id in project.lines:
            project.lines[ln.id] = ln
    for cid, name in clusters:
        if name is None:
            project.clusters.pop(cid, None)
        else:
            project.clusters[cid] = Cluster(cid, name)
    project.corrections = project.corrections[:keep] + tail


# -- the file -----------------------------------------------------------------------------------------------------
def read_journal(path: str | os.PathLike) -> tuple[str | None, list[dict]]:
    """(project id, entries in order) of the journal beside project CSV ``path``; ``(None, [])`` when absent."""
    jp = journal_path(path)
    try:
        raw = jp.read_bytes()
    except OSError:
        return None, []
    rows = raw.split(b"\n")
    try:
        head = json.loads(rows[0])
        if head.get("format") != JOURNAL_FORMAT:
            raise ValueError("not an svsg journal")
    except (ValueError, AttributeError) as err:
        log.warning("ignoring unreadable edit journal %s: %s", jp, err)
        return None, []
    entries = []
    for k, row in enumerate(rows[1:], start=2):
        if not row.strip():
            continue
        try:
            entries.append(json.loads(row))
        except ValueError:
            if k < len(rows) or raw.endswith(b"\n"):      # a complete line that is not JSON: damage
                log.warning("edit journal %s: entry on line %d is damaged; later entries not replayed", jp, k)
            break          # else: a torn last entry (killed mid-append): never acknowledged
    return head.get("project_id"), entries


def replay_journal(project: Project, path: str | os.PathLike) -> int:
    """Apply the journal entries the saved CSV does not contain yet. Returns how many were applied."""
    pid, entries = read_journal(path)
    if pid is None or pid != project.project_id:
        return 0
    done = 0
    for e in entries:
        try:
            if int(e["seq"]) <= project.journal_seq:
                continue
            apply_entry(project, e)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            log.warning("edit journal %s: entry %r is damaged (%s); later entries not replayed",
                        journal_path(path), e.get("seq") if isinstance(e, dict) else e, err)
            break
        project.journal_seq = int(e["seq"])
        done += 1
    if done:
        log.warning("%s: restored %d edit(s) made after the last save (from %s)", path, done,
                    journal_path(path).name)
    return done


class Journal:
    """The open journal of one project: ``append`` writes one entry and ``fsync``-s it."""

    def __init__(self, path: str | os.PathLike, project: Project) -> None:
        self.path = journal_path(path)
        from .io.atomic import atomic_write_bytes
        from .io.project_csv import saved_journal_state

        pid, entries = read_journal(path)
        saved_id, saved_seq = saved_journal_state(path)          # what the CSV on disk already holds
        pending = [e for e in entries if pid == project.project_id == saved_id and int(e.get("seq", 0)) > saved_seq]
        head = {"format": JOURNAL_FORMAT, "version": 1, "project_id": project.project_id}
        # a fresh file, keeping only entries the CSV does not hold yet (and never a torn last entry to append to)
        atomic_write_bytes(self.path, "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                              for r in [head, *pending]).encode("utf-8"))
        try:
            self._fh = open(self.path, "ab")
        except OSError as err:
            raise InputError(f"cannot open the edit journal ({err.strerror or err})", path=str(self.path),
                             code="unwritable") from None

    def append(self, entry: dict) -> None:
        data = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self._fh.write(data)
            self._fh.flush()
            getattr(os, "fdatasync", os.fsync)(self._fh.fileno())
        except OSError as err:
            raise InputError(f"cannot record the edit ({err.strerror or err}); the edit was not made",
                             path=str(self.path), code="journal_failed") from None

    def close(self, *, remove: bool) -> None:
        try:
            self._fh.close()
        except OSError:
            pass
        if remove:
            try:
                self.path.unlink()
            except OSError:
                pass


# -- applying edits -----------------------------------------------------------------------------------------------
def is_human(command: Any) -> bool:
    """Human edits go into the corrections log; an engine result (``AssignClusters``) does not."""
    from .commands import AssignClusters

    return not isinstance(command, AssignClusters)


def apply_edit(project: Project, command: Any, journal: Journal | None = None) -> Any:
    """Apply a core command, log it when human, journal the result; returns the inverse."""
    log_before = list(project.corrections)
    inverse = command.apply(project)
    if is_human(command):
        project.corrections.append(command.to_dict())
    _record(project, inverse, log_before, journal)
    return inverse


def undo_edit(project: Project, inverse: Any, *, human: bool, journal: Journal | None = None) -> Any:
    """Undo an edit by applying its inverse (and dropping its log entry); returns the redo restore."""
    log_before = list(project.corrections)
    redo = inverse.apply(project)
    if human and project.corrections:
        project.corrections.pop()
    _record(project, redo, log_before, journal)
    return redo


def _record(project: Project, inverse: Any, log_before: list, journal: Journal | None) -> None:
    """Journal the edit just made (``inverse`` takes it back). If the entry cannot be written the edit is taken
    back and the error raised: an edit the journal does not hold is never acknowledged."""
    if journal is None:
        return
    entry = make_entry(project, inverse, len(log_before))
    entry["seq"] = project.journal_seq + 1
    try:
        journal.append(entry)
    except InputError:
        inverse.apply(project)
        project.corrections = log_before
        raise
    project.journal_seq = entry["seq"]


class EditSession:
    """A project open for editing on disk: the lock held (``ProjectLocked`` otherwise), every edit journaled."""

    def __init__(self, project: Project, path: str | os.PathLike) -> None:
        from .io.lock import ProjectLock
        from .io.project_csv import save_project, saved_journal_state

        self.project = project
        self.path = Path(path)
        self.lock = ProjectLock(self.path).acquire()
        try:
            saved_id, saved_seq = saved_journal_state(self.path)
            if saved_id != project.project_id or project.journal_seq > saved_seq:
                save_project(project, self.path)   # the project id, and edits restored from the journal, on disk first
            self.journal = Journal(self.path, project)
        except BaseException:
            self.lock.release()
            raise

    def apply(self, command: Any) -> Any:
        return apply_edit(self.project, command, self.journal)

    def undo(self, inverse: Any, *, human: bool) -> Any:
        return undo_edit(self.project, inverse, human=human, journal=self.journal)

    def close(self, *, saved: bool) -> None:
        """End the session. ``saved``: the CSV on disk holds every edit, so the journal can go."""
        self.journal.close(remove=saved)
        self.lock.release()
