"""What to listen to, GUI-free: the stretch of audio around a line with the cues in it (the audio strip), and a
group's sample (its most and least confident lines back to back: one voice or several?)."""

from __future__ import annotations

from dataclasses import dataclass

from .project import Project

CONTEXT_MS = 3000      # audio shown on each side of the current line
SAMPLE_EACH = 5        # a group's sample: this many most and this many least confident lines


@dataclass(frozen=True)
class Cue:
    line_id: str
    start: int
    end: int
    current: bool = False


@dataclass(frozen=True)
class StripView:
    """A time window ``[start, end)`` in ms and the dialogue cues overlapping it, in time order."""

    start: int
    end: int
    cues: tuple[Cue, ...] = ()

    @property
    def current(self) -> Cue | None:
        return next((c for c in self.cues if c.current), None)

    def cue_at(self, ms: int) -> Cue | None:
        """The cue under a time (the current one wins where cues overlap)."""
        hits = [c for c in self.cues if c.start <= ms < c.end]
        return next((c for c in hits if c.current), hits[0] if hits else None)


def strip_view(project: Project, line_id: str, context_ms: int = CONTEXT_MS) -> StripView:
    """The current line with ``context_ms`` of audio on each side (never before 0) and every dialogue line that
    shows in that window (the current one even when it is flagged non-dialogue)."""
    cur = project.lines[line_id]
    start = max(0, cur.start - context_ms)
    end = max(cur.end, cur.start + 1) + context_ms
    cues = tuple(Cue(ln.id, ln.start, ln.end, ln.id == line_id) for ln in project.ordered()
                 if (ln.is_dialogue or ln.id == line_id) and ln.end > start and ln.start < end)
    return StripView(start, end, cues)


def group_sample(project: Project, cluster_id: int, each: int = SAMPLE_EACH) -> list[str]:
    """Line ids to play for a group, from most to least confident: its ``each`` most confident dialogue lines,
    then its ``each`` least confident ones (all of them, once each, when the group is small). A line without a
    confidence counts as the least confident; ties go by time."""
    pos = {lid: k for k, lid in enumerate(project.order)}
    members = [project.lines[i] for i in project.line_ids_in(cluster_id) if project.lines[i].is_dialogue]
    ranked = sorted(members, key=lambda ln: (-(ln.confidence if ln.confidence is not None else -1.0),
                                             pos.get(ln.id, 0)))
    if len(ranked) <= 2 * each:
        return [ln.id for ln in ranked]
    return [ln.id for ln in ranked[:each] + ranked[-each:]]
