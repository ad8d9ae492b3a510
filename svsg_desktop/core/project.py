"""Project state: the video, its lines, the groups (clusters) with optional names, and the human corrections.

The project CSV on disk is the source of truth (see ``core/io/project_csv.py`` and ``docs/project-csv.md``).
Edits go through :mod:`svsg_desktop.core.commands`, never by poking fields from the UI.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .lines import Line


@dataclass
class Cluster:
    id: int
    name: str = ""

    def label(self) -> str:
        """What to show: the name, or a neutral ``Speaker N`` for an unnamed group."""
        return self.name or f"Speaker {self.id}"


@dataclass
class Project:
    """Mutable project state. Lines are immutable records, replaced on change; ``order`` keeps time order."""

    lines: dict[str, Line] = field(default_factory=dict)
    clusters: dict[int, Cluster] = field(default_factory=dict)
    video: str | None = None
    subtitles: str | None = None
    corrections: list[dict] = field(default_factory=list)   # serialised human commands, oldest first
    order: list[str] = field(default_factory=list)
    # persistence bookkeeping (sidecar + edit journal, see core/journal.py); not part of the project's state
    project_id: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False, repr=False)
    journal_seq: int = field(default=0, compare=False, repr=False)   # last journaled edit this state contains

    # -- construction -------------------------------------------------------------------------------------------
    @classmethod
    def from_lines(cls, lines: Iterable[Line], *, video: str | None = None, subtitles: str | None = None,
                   group_by_speaker: bool = True) -> "Project":
        """Build a project. With ``group_by_speaker``, lines that already carry a label and no cluster id are put
        into one named group per label (imported ``Name:`` prefixes, ASS actors, labeled CSVs)."""
        p = cls(video=video, subtitles=subtitles)
        for ln in lines:
            if ln.id in p.lines:
                raise ValueError(f"duplicate line id {ln.id!r}")
            p.lines[ln.id] = ln
        p.order = sorted(p.lines, key=lambda i: (p.lines[i].start, p.lines[i].end, i))
        for ln in p.lines.values():
            if ln.cluster is not None and ln.cluster not in p.clusters:
                p.clusters[ln.cluster] = Cluster(ln.cluster, "")
        if group_by_speaker:
            by_name: dict[str, int] = {}
            for c in p.clusters.values():
                names = {p.lines[i].speaker for i in p.line_ids_in(c.id)} - {""}
                if len(names) == 1:
                    c.name = names.pop()
                    by_name.setdefault(c.name, c.id)
            for lid in p.order:
                ln = p.lines[lid]
                if ln.cluster is None and ln.speaker and ln.is_dialogue:
                    cid = by_name.get(ln.speaker)
                    if cid is None:
                        cid = p.new_cluster_id()
                        p.clusters[cid] = Cluster(cid, ln.speaker)
                        by_name[ln.speaker] = cid
                    p.lines[lid] = ln.with_(cluster=cid)
        return p

    def copy(self) -> "Project":
        """An independent copy (lines are immutable records, so this is a few dict copies), bookkeeping included:
        what a background writer saves must carry the same project id and journal position."""
        return Project(lines=dict(self.lines), clusters={c.id: Cluster(c.id, c.name) for c in self.clusters.values()},
                       video=self.video, subtitles=self.subtitles, corrections=[dict(d) for d in self.corrections],
                       order=list(self.order), project_id=self.project_id, journal_seq=self.journal_seq)

    # -- queries ------------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.lines)

    def ordered(self) -> Iterator[Line]:
        return (self.lines[i] for i in self.order)

    def line(self, line_id: str) -> Line:
        return self.lines[line_id]

    def line_ids_in(self, cluster_id: int) -> list[str]:
        return [i for i in self.order if self.lines[i].cluster == cluster_id]

    def cluster_sizes(self) -> dict[int, int]:
        sizes = {cid: 0 for cid in self.clusters}
        for ln in self.lines.values():
            if ln.cluster is not None:
                sizes[ln.cluster] = sizes.get(ln.cluster, 0) + 1
        return sizes

    def new_cluster_id(self) -> int:
        used = set(self.clusters) | {ln.cluster for ln in self.lines.values() if ln.cluster is not None}
        return max(used, default=0) + 1

    def speaker_of(self, line_id: str) -> str:
        """The label to export for a line: its group's name if named, else the line's own label, else ``""``."""
        ln = self.lines[line_id]
        if ln.cluster is not None:
            c = self.clusters.get(ln.cluster)
            if c is not None and c.name:
                return c.name
        return ln.speaker

    def snapshot(self) -> tuple:
        """A hashable, order-stable picture of the whole state (used by tests: command then inverse = identity)."""
        return (
            tuple(sorted(self.lines.items())),
            tuple(sorted((c.id, c.name) for c in self.clusters.values())),
            self.video, self.subtitles, tuple(self.order),
        )
