"""What an import returns, and the steps shared by every subtitle reader (raw cue → :class:`Line`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..errors import InputError
from ..lines import Flag, Line, format_ms, make_line_id
from ..project import Project
from .textclean import is_non_dialogue_name, is_song_text, split_speaker_prefix, strip_speaker_everywhere

#: A name seen only once is taken as a speaker prefix only when the file clearly uses the convention: at least
#: three cues and this share of the dialogue cues carry a prefix. Otherwise ``Note: …`` stays text.
PREFIX_SHARE = 0.4


@dataclass
class SubtitleImport:
    """Result of reading a subtitle file or a labeled CSV.

    ``format``: ``srt``, ``ass``, ``ssa``, ``vtt``, ``haruhi-csv``, ``csv``, ``rttm``; ``encoding``: the codec
    used to decode; ``warnings``: plain-English notes (overlaps, skipped empty cues …); ``extras``: extra CSV
    columns per line id (e.g. ``location``, ``visible`` of a truth CSV), ``extra_columns`` their names in order.
    """

    path: str
    format: str
    encoding: str
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)
    extras: dict[str, dict[str, str]] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "lines": len(self.lines),
            "dialogue": sum(1 for ln in self.lines if ln.is_dialogue),
            "non_dialogue": sum(1 for ln in self.lines if not ln.is_dialogue),
            "labeled": sum(1 for ln in self.lines if ln.speaker),
            "speakers": len({ln.speaker for ln in self.lines if ln.speaker and ln.is_dialogue}),
        }

    def to_project(self, video: str | None = None) -> Project:
        """A new project from these lines (labels become named groups); remembers the subtitle file."""
        return Project.from_lines(self.lines, video=video, subtitles=self.path)


@dataclass
class RawCue:
    """One cue as read from a file, before cleaning. ``lineno`` is its 1-based line in the file."""

    lineno: int
    start: int
    end: int
    text: str                    # already cleaned of formatting
    style: str = ""
    actor: str = ""              # ASS Name / VTT voice: an explicit label
    effect: str = ""
    special: bool = False        # tags said sign/song (ASS drawing, karaoke)
    several: bool = False        # the cue names several speakers (VTT: several different <v> voices)
    source_index: int | None = None


def cues_to_lines(cues: Iterable[RawCue], path: str, warnings: list[str], *,
                  prefixes: bool = True) -> list[Line]:
    """Validate times, flag non-dialogue, read speakers, skip empty cues, number lines in file order."""
    kept: list[RawCue] = []
    empty = zero = 0
    for cue in cues:
        check_times(cue.start, cue.end, path, cue.lineno)
        if not cue.text.strip():
            empty += 1
            continue
        if cue.end == cue.start:
            zero += 1
        kept.append(cue)
    if empty:
        warnings.append(f"{empty} cue(s) with no text were skipped")
    if zero:
        warnings.append(f"{zero} cue(s) last 0 ms (no audio to analyse)")

    nd = [c.special or is_non_dialogue_name(c.style) or is_non_dialogue_name(c.effect) or is_song_text(c.text)
          for c in kept]
    kept, nd = merge_language_pairs(kept, nd, warnings)
    guesses = [None if (not prefixes or c.actor or c.several or flag) else split_speaker_prefix(c.text)
               for c, flag in zip(kept, nd)]
    names = Counter(g[0] for g in guesses if g)
    dialogue = sum(1 for flag in nd if not flag) or 1
    prefixed = sum(names.values())
    convention = prefixed >= 3 and prefixed / dialogue >= PREFIX_SHARE   # the file clearly labels its cues
    accepted = {n for n, k in names.items() if k >= 2 or convention}
    rejected = sorted(set(names) - accepted)
    if rejected:
        warnings.append(f"{len(rejected)} possible speaker prefix(es) seen only once were left in the text "
                        f"(e.g. {rejected[0]!r})")

    out: list[Line] = []
    several = 0
    for i, (cue, flag, guess) in enumerate(zip(kept, nd, guesses)):
        text, speaker, flags = cue.text, cue.actor.strip(), set()
        if flag:
            flags.add(Flag.NON_DIALOGUE)
        if cue.several:
            flags.add(Flag.SEVERAL)
        if guess and guess[0] in accepted:
            stripped, others = strip_speaker_everywhere(text, guess[0])
            if others and any(o != guess[0] for o in others):
                flags.add(Flag.SEVERAL)
                several += 1
            else:
                text, speaker = stripped, guess[0]
        out.append(Line(id=make_line_id(i), start=cue.start, end=cue.end, text=text, speaker=speaker,
                        flags=frozenset(flags), style=cue.style,
                        source_index=cue.source_index if cue.source_index is not None else i))
    if several:
        warnings.append(f"{several} cue(s) name several speakers: flagged 'several', names left in the text")
    warnings.extend(overlap_warnings(out))
    return out


def merge_language_pairs(cues: list[RawCue], nd: list[bool], warnings: list[str]) -> tuple[list[RawCue], list[bool]]:
    """Bilingual ASS files often give each language its own event with exactly the same times and another style
    (``CN`` + ``JP``). That is one utterance: the events become one line (texts joined by a newline, in file
    order, at the first event's place), so it is heard and labeled once. Events with the same style, different
    actors or a different dialogue/non-dialogue status stay apart (two people talking at once)."""
    out: list[RawCue] = []
    out_nd: list[bool] = []
    slot: dict[tuple[int, int, bool], int] = {}
    styles: dict[int, set[str]] = {}
    merged = 0
    for cue, flag in zip(cues, nd):
        key = (cue.start, cue.end, flag)
        k = slot.get(key)
        if k is not None and cue.style and cue.style not in styles[k] and cue.end > cue.start \
                and (not cue.actor or not out[k].actor or cue.actor == out[k].actor):
            first = out[k]
            first.text = first.text + "\n" + cue.text
            first.actor = first.actor or cue.actor
            styles[k].add(cue.style)
            merged += 1
            continue
        slot.setdefault(key, len(out))
        styles.setdefault(slot[key], {cue.style})
        out.append(cue)
        out_nd.append(flag)
    if merged:
        warnings.append(f"{merged} event(s) with the same times as an event of another style (one per language) "
                        "were joined to it as one line")
    return out, out_nd


def check_times(start: int, end: int, path: str, lineno: int | None) -> None:
    if start < 0 or end < 0:
        raise InputError(f"negative time ({format_ms(min(start, end))})", path=path, line=lineno,
                         code="negative_time")
    if end < start:
        raise InputError(f"the cue ends ({format_ms(end)}) before it starts ({format_ms(start)})", path=path,
                         line=lineno, code="reversed_time")


def overlap_warnings(lines: list[Line]) -> list[str]:
    """Overlapping dialogue cues are allowed (people interrupt each other) but worth a note."""
    dia = sorted((ln for ln in lines if ln.is_dialogue), key=lambda ln: (ln.start, ln.end))
    overlaps = same = 0
    first = None
    last_end, last = -1, None
    for ln in dia:
        if last is not None and ln.start < last_end:
            overlaps += 1
            if ln.start == last.start and ln.end == last.end:
                same += 1
            first = first or (last, ln)
        if ln.end > last_end:
            last_end, last = ln.end, ln
    out = []
    if overlaps:
        a, b = first
        out.append(f"{overlaps} dialogue cue(s) overlap the one before (first: {a.id} and {b.id} at "
                   f"{format_ms(b.start)})")
    if same:
        out.append(f"{same} cue(s) have exactly the same times as another (one event per language?)")
    return out


def check_against_duration(lines: Iterable[Line], duration_ms: int) -> list[str]:
    """Warnings for lines that start after the video ends or run past its end (the video length is known only
    once the video is opened)."""
    after, past = [], []
    for ln in lines:
        if ln.start >= duration_ms:
            after.append(ln)
        elif ln.end > duration_ms:
            past.append(ln)
    out = []
    if after:
        out.append(f"{len(after)} line(s) start after the video ends at {format_ms(duration_ms)} "
                   f"(first: {after[0].id} at {format_ms(after[0].start)}): wrong video or subtitle file?")
    if past:
        out.append(f"{len(past)} line(s) run past the end of the video at {format_ms(duration_ms)} "
                   f"(first: {past[0].id} ends {format_ms(past[0].end)})")
    return out
