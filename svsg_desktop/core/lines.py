"""The line record: one subtitle cue (or one VAD segment when there are no subtitles)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class Flag(str, Enum):
    """Per-line flags an annotator (or the importer) can set. Values are what the CSV stores."""

    NON_DIALOGUE = "non_dialogue"   # sign, song, OP/ED, credits: kept, never clustered, excluded from metrics
    UNKNOWN = "unknown"             # a voice nobody can name (crowd, off-screen extra)
    SEVERAL = "several"             # several speakers in one line

    @classmethod
    def parse_set(cls, text: str) -> frozenset["Flag"]:
        """Parse the CSV form ``"non_dialogue;several"`` (empty → no flag). Unknown names raise ValueError."""
        parts = [p.strip() for p in (text or "").replace(",", ";").split(";")]
        return frozenset(cls(p) for p in parts if p)

    @staticmethod
    def format_set(flags: frozenset["Flag"]) -> str:
        return ";".join(sorted(f.value for f in flags))


@dataclass(frozen=True)
class Line:
    """One line. Times are integer milliseconds. ``id`` is stable for the life of a project.

    ``speaker`` is the line's label as known (imported, ground truth, or the name of the human-named group it is
    in); ``cluster`` is the group id the engine or the annotator put it in (``None`` = not grouped yet);
    ``confidence`` is the learned per-line confidence in [0, 1] (``None`` = not computed); ``pinned`` is set when
    a human decided this line's group (checked, ✔): re-clustering never moves a pinned line away from its group-mates.
    ``kept`` is set when a person's decision on the whole group (merging it, naming it) keeps the line with its
    group on re-clustering, although nobody checked the line itself (it stays in the review queue).
    ``style`` is the source ASS style (kept for export); ``source_index`` its position in the imported file.
    """

    id: str
    start: int
    end: int
    text: str
    speaker: str = ""
    cluster: int | None = None
    confidence: float | None = None
    flags: frozenset[Flag] = field(default_factory=frozenset)
    pinned: bool = False
    style: str = ""
    source_index: int | None = None
    kept: bool = False

    @property
    def held(self) -> bool:
        """Kept with its group by a person (checked, or in a group a person merged or named)."""
        return (self.pinned or self.kept) and self.cluster is not None

    @property
    def duration(self) -> int:
        return self.end - self.start

    @property
    def is_dialogue(self) -> bool:
        return Flag.NON_DIALOGUE not in self.flags

    def with_(self, **changes) -> "Line":
        return replace(self, **changes)


def make_line_id(index: int) -> str:
    """Stable ids for freshly imported lines: ``L00001``, ``L00002`` … (order of the source file)."""
    return f"L{index + 1:05d}"


def format_ms(ms: int) -> str:
    """``3723040`` → ``"1:02:03.040"`` (display form)."""
    sign = "-" if ms < 0 else ""
    ms = abs(int(ms))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, milli = divmod(rem, 1000)
    return f"{sign}{h}:{m:02d}:{s:02d}.{milli:03d}"
