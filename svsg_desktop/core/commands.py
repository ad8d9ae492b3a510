"""Edits as data. Every command's ``apply(project)`` mutates the project and returns its exact inverse.

The Qt layer wraps these in one thin ``QUndoCommand``; the CLI and the engine use them directly. Human edits pin
the lines a person placed or confirmed (``Line.pinned``, shown as ✔ "checked"): re-clustering never separates
pinned lines from their group, and groups with different names never merge. Merging or naming a group is a
judgement on the group, not on each line: its lines are *kept* together (``Line.kept``, a constraint re-clustering
honours like a pin) but not checked, so they stay in the review queue. Moving a line out of such a group takes it
out of the constraint (the moved line is pinned to its new group); undo restores the line records, constraint
included. One gesture that makes several edits
(merging three groups, clearing every mark) is one :class:`Batch`, so one undo takes it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Protocol

from .errors import SvsgError
from .lines import Flag, Line
from .project import Cluster, Project


class Command(Protocol):
    def apply(self, project: Project) -> "Command": ...
    def describe(self) -> str: ...
    def to_dict(self) -> dict: ...


class CommandError(SvsgError):
    code = "command_error"


def _snapshot(project: Project, line_ids: Iterable[str], cluster_ids: Iterable[int]) -> "Restore":
    lines = tuple(project.lines[i] for i in dict.fromkeys(line_ids))
    clusters = tuple((cid, project.clusters[cid].name if cid in project.clusters else None)
                     for cid in dict.fromkeys(cluster_ids))
    return Restore(lines=lines, clusters=clusters)


def _check_lines(project: Project, line_ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(line_ids))
    missing = [i for i in ids if i not in project.lines]
    if missing:
        raise CommandError(f"no such line(s): {', '.join(missing[:5])}", code="no_such_line", ids=missing)
    return ids


def _check_cluster(project: Project, cluster_id: int) -> None:
    if cluster_id not in project.clusters:
        raise CommandError(f"no such group: {cluster_id}", code="no_such_cluster", cluster=cluster_id)


@dataclass(frozen=True)
class Restore:
    """Put back the given line records and group names (``None`` name = the group did not exist)."""

    lines: tuple[Line, ...] = ()
    clusters: tuple[tuple[int, str | None], ...] = ()

    def apply(self, project: Project) -> "Restore":
        inverse = _snapshot(project, (ln.id for ln in self.lines), (cid for cid, _ in self.clusters))
        for ln in self.lines:
            project.lines[ln.id] = ln
        for cid, name in self.clusters:
            if name is None:
                project.clusters.pop(cid, None)
            else:
                project.clusters[cid] = Cluster(cid, name)
        return inverse

    def describe(self) -> str:
        return "restore"

    def to_dict(self) -> dict:
        return {"op": "restore", "lines": [ln.id for ln in self.lines], "clusters": [c for c, _ in self.clusters]}


@dataclass(frozen=True)
class MoveLines:
    """Move lines into group ``cluster`` (created, unnamed, when it does not exist yet). Pins them."""

    line_ids: tuple[str, ...]
    cluster: int

    def apply(self, project: Project) -> Restore:
        ids = _check_lines(project, self.line_ids)
        old = {project.lines[i].cluster for i in ids} - {None}
        inverse = _snapshot(project, ids, [self.cluster, *old])
        if self.cluster not in project.clusters:
            project.clusters[self.cluster] = Cluster(self.cluster, "")
        for i in ids:
            project.lines[i] = project.lines[i].with_(cluster=self.cluster, pinned=True)
        return inverse

    def describe(self) -> str:
        n = len(self.line_ids)
        return f"move {n} line{'s' if n != 1 else ''} to group {self.cluster}"

    def to_dict(self) -> dict:
        return {"op": "move", "lines": list(self.line_ids), "cluster": self.cluster}


@dataclass(frozen=True)
class SplitLines:
    """Put lines into a brand-new group (optionally named). Pins them."""

    line_ids: tuple[str, ...]
    name: str = ""
    new_id: int | None = None   # fixed on first apply so redo makes the same group

    def apply(self, project: Project) -> Restore:
        cid = self.new_id if self.new_id is not None else project.new_cluster_id()
        if cid in project.clusters:
            raise CommandError(f"group {cid} already exists", code="cluster_exists", cluster=cid)
        object.__setattr__(self, "new_id", cid)
        inverse = MoveLines(self.line_ids, cid).apply(project)
        project.clusters[cid].name = self.name
        return inverse

    def describe(self) -> str:
        return f"new group from {len(self.line_ids)} line(s)"

    def to_dict(self) -> dict:
        return {"op": "split", "lines": list(self.line_ids), "name": self.name, "cluster": self.new_id}


@dataclass(frozen=True)
class MergeClusters:
    """Merge group ``source`` into ``target``: ``source`` disappears, its lines move to ``target`` keeping their
    checked state (nobody looked at each line). Every line of the merged group is *kept* together (re-clustering
    never splits it again). The target keeps its name, or takes the source's when it had none."""

    source: int
    target: int

    def apply(self, project: Project) -> Restore:
        _check_cluster(project, self.source)
        _check_cluster(project, self.target)
        if self.source == self.target:
            raise CommandError("cannot merge a group into itself", code="merge_self", cluster=self.source)
        ids = project.line_ids_in(self.source) + project.line_ids_in(self.target)
        inverse = _snapshot(project, ids, [self.source, self.target])
        name = project.clusters[self.target].name or project.clusters[self.source].name
        for i in ids:
            project.lines[i] = project.lines[i].with_(cluster=self.target, kept=True)
        project.clusters[self.target].name = name
        del project.clusters[self.source]
        return inverse

    def describe(self) -> str:
        return f"merge group {self.source} into {self.target}"

    def to_dict(self) -> dict:
        return {"op": "merge", "source": self.source, "target": self.target}


@dataclass(frozen=True)
class RenameCluster:
    """Name a group. A named group is a person's decision on the group: its lines are *kept* together (not
    checked), so re-clustering keeps the group, its id and its name."""

    cluster: int
    name: str

    def apply(self, project: Project) -> Restore:
        _check_cluster(project, self.cluster)
        ids = project.line_ids_in(self.cluster) if self.name.strip() else []
        inverse = _snapshot(project, ids, [self.cluster])
        project.clusters[self.cluster].name = self.name.strip()
        for i in ids:
            project.lines[i] = project.lines[i].with_(kept=True)
        return inverse

    def describe(self) -> str:
        return f"rename group {self.cluster} to {self.name!r}"

    def to_dict(self) -> dict:
        return {"op": "rename", "cluster": self.cluster, "name": self.name}


@dataclass(frozen=True)
class SetFlag:
    """Set (``on=True``) or clear a flag on lines. Marking a line non-dialogue also takes it out of its group."""

    line_ids: tuple[str, ...]
    flag: Flag
    on: bool = True

    def apply(self, project: Project) -> Restore:
        ids = _check_lines(project, self.line_ids)
        inverse = _snapshot(project, ids, ())
        for i in ids:
            ln = project.lines[i]
            flags = ln.flags | {self.flag} if self.on else ln.flags - {self.flag}
            changes: dict = {"flags": frozenset(flags), "pinned": True}
            if self.on and self.flag is Flag.NON_DIALOGUE:
                changes["cluster"] = None
            project.lines[i] = ln.with_(**changes)
        return inverse

    def describe(self) -> str:
        return f"{'mark' if self.on else 'unmark'} {len(self.line_ids)} line(s) {self.flag.value}"

    def to_dict(self) -> dict:
        return {"op": "flag", "lines": list(self.line_ids), "flag": self.flag.value, "on": self.on}


@dataclass(frozen=True)
class AssignClusters:
    """Apply an engine result: line → group id (and optional confidence), plus names for groups. Pinned and kept
    lines are left in their groups (the engine is expected to respect them anyway). Not a human edit: pins
    nothing."""

    assignment: Mapping[str, int | None]
    names: Mapping[int, str] = field(default_factory=dict)
    confidences: Mapping[str, float] = field(default_factory=dict)

    def apply(self, project: Project) -> Restore:
        ids = _check_lines(project, self.assignment)
        new_ids = {c for c in self.assignment.values() if c is not None} | set(self.names)
        inverse = _snapshot(project, ids, [*project.clusters, *new_ids])
        for i in ids:
            ln = project.lines[i]
            conf = self.confidences.get(i, ln.confidence)
            if ln.pinned or ln.kept:
                project.lines[i] = ln.with_(confidence=conf)
            else:
                project.lines[i] = ln.with_(cluster=self.assignment[i], confidence=conf)
        for cid in new_ids:
            if cid not in project.clusters:
                project.clusters[cid] = Cluster(cid, "")
        for cid, name in self.names.items():
            if not project.clusters[cid].name:
                project.clusters[cid].name = name
        used = {ln.cluster for ln in project.lines.values()}
        for cid in list(project.clusters):
            if cid not in used and not project.clusters[cid].name:
                del project.clusters[cid]
        return inverse

    def describe(self) -> str:
        return f"group {len(self.assignment)} lines"

    def to_dict(self) -> dict:
        return {"op": "assign", "lines": len(self.assignment)}


@dataclass(frozen=True)
class SetLineSpeaker:
    """Give one line its own speaker label outside any group (``"A/B"``: several speakers, flagged so). Pins it.
    A single name for one line is better said by moving the line to that name's group (see the Qt controller)."""

    line_id: str
    speaker: str

    def apply(self, project: Project) -> Restore:
        (lid,) = _check_lines(project, [self.line_id])
        inverse = _snapshot(project, [lid], ())
        ln = project.lines[lid]
        name = "/".join(part.strip() for part in self.speaker.split("/") if part.strip())
        flags = ln.flags | {Flag.SEVERAL} if "/" in name else ln.flags
        project.lines[lid] = ln.with_(speaker=name, cluster=None, pinned=True, flags=frozenset(flags))
        return inverse

    def describe(self) -> str:
        return f"set the speaker of {self.line_id} to {self.speaker!r}"

    def to_dict(self) -> dict:
        return {"op": "speaker", "line": self.line_id, "speaker": self.speaker}


@dataclass(frozen=True)
class Batch:
    """Several commands as one edit (one gesture, one undo step). Applies them in order; if one is refused, the
    ones already applied are taken back and the error is raised, so a batch is all or nothing."""

    commands: tuple
    label: str = ""

    def apply(self, project: Project) -> "Batch":
        inverses = []
        try:
            for cmd in self.commands:
                inverses.append(cmd.apply(project))
        except SvsgError:
            for inv in reversed(inverses):
                inv.apply(project)
            raise
        return Batch(tuple(reversed(inverses)), self.label)

    @property
    def lines(self) -> tuple[Line, ...]:
        """Line records the batch's commands restore (read by the app to know what an edit touched)."""
        return tuple(ln for cmd in self.commands for ln in getattr(cmd, "lines", ()))

    @property
    def clusters(self) -> tuple[tuple[int, str | None], ...]:
        return tuple(c for cmd in self.commands for c in getattr(cmd, "clusters", ()))

    def describe(self) -> str:
        return self.label or "; ".join(c.describe() for c in self.commands)

    def to_dict(self) -> dict:
        return {"op": "batch", "commands": [c.to_dict() for c in self.commands]}
