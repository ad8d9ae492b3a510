"""ASS/SSA reader (pysubs2) producing :class:`RawCue` records with file line numbers.

pysubs2 reads every ``Dialogue:``/``Comment:`` line outside the info and attachment sections into an event, in
file order; :func:`event_lines` walks the file the same way so that event *k* is known to sit on a given line.
Each event line is checked before pysubs2 sees it (field count, strict times), so errors name the line.
"""

from __future__ import annotations

import warnings

import pysubs2
from pysubs2.formats.substation import EVENT_FIELDS, SECTION_HEADING

from ..errors import InputError
from .model import RawCue
from .textclean import clean_ass_text
from .timefmt import parse_time


def ass_flavour(text: str) -> str:
    """``ass`` (V4+ styles) or ``ssa`` (V4 styles), as pysubs2 decides."""
    return "ssa" if "[V4 Styles]" in text and "[V4+ Styles]" not in text else "ass"


def event_lines(lines: list[str]) -> list[int]:
    """0-based indices of the lines pysubs2 turns into events (mirrors its section handling)."""
    out = []
    skip = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if SECTION_HEADING.match(line):
            skip = any(w in line for w in ("Info", "Aegisub", "Fonts", "Graphics"))
        elif not skip and (line.startswith("Dialogue:") or line.startswith("Comment:")):
            out.append(i)
    return out


def _check_event(line: str, fmt: str, path: str, lineno: int) -> tuple[int, int]:
    fields = EVENT_FIELDS[fmt]
    parts = line.split(":", 1)[1].strip().split(",", len(fields) - 1)
    if len(parts) < len(fields):
        raise InputError(f"an event needs {len(fields)} comma-separated fields ({', '.join(fields)}), "
                         f"found {len(parts)}", path=path, line=lineno, code="bad_event")
    times = []
    for name in ("start", "end"):
        stamp = parts[fields.index(name)].strip()
        try:
            times.append(parse_time(stamp))
        except ValueError as err:
            code = "negative_time" if stamp.startswith("-") else "bad_time"
            raise InputError(f"{name} time: {err}", path=path, line=lineno, code=code) from None
        if ":" not in stamp:
            raise InputError(f"{name} time {stamp!r} is not H:MM:SS.cc", path=path, line=lineno, code="bad_time")
    return times[0], times[1]


def parse_ass(text: str, path: str, times: dict[int, tuple[int, int]] | None = None) -> pysubs2.SSAFile:
    """Parse with pysubs2 after the line checks; an error is traced back to its line. The strictly parsed
    times of each event line (0-based line index → (start, end)) go into ``times`` when given."""
    body = text.lstrip("\ufeff")
    fmt = ass_flavour(body)
    lines = body.splitlines()
    for i in event_lines(lines):
        t = _check_event(lines[i].strip(), fmt, path, i + 1)
        if times is not None:
            times[i] = t
    try:
        return _pysubs2(body, fmt)
    except Exception as err:  # pysubs2 raises plain ValueError/TypeError on bad style lines
        header = "[V4 Styles]" if fmt == "ssa" else "[V4+ Styles]"
        for i, raw in enumerate(lines):
            if raw.strip().startswith("Style:"):
                try:
                    _pysubs2(f"[Script Info]\n{header}\n{raw.strip()}\n", fmt)
                except Exception as sub_err:
                    raise InputError(f"cannot read this style line ({sub_err})", path=path, line=i + 1,
                                     code="bad_style") from None
        raise InputError(f"cannot read this {fmt.upper()} file ({err})", path=path, code="bad_file") from None


def _pysubs2(body: str, fmt: str) -> pysubs2.SSAFile:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # "Failed to parse layer, using default": harmless for us
        return pysubs2.SSAFile.from_string(body, format_=fmt)


def read_ass(text: str, path: str) -> tuple[list[RawCue], list[str], str]:
    """Cues of the Dialogue events (comments skipped), notes, and the flavour (``ass``/``ssa``)."""
    body = text.lstrip("\ufeff")
    fmt = ass_flavour(body)
    lines = body.splitlines()
    idx = event_lines(lines)
    times: dict[int, tuple[int, int]] = {}
    subs = parse_ass(text, path, times)
    if len(subs.events) != len(idx):  # pragma: no cover - event_lines mirrors pysubs2
        raise InputError("inconsistent event count", path=path, code="bad_file")
    if not subs.events:
        raise InputError("no Dialogue events found (is this an ASS/SSA file?)", path=path, code="no_cues")
    cues, comments, unknown_styles = [], 0, set()
    for k, (ev, i) in enumerate(zip(subs.events, idx)):
        if ev.is_comment:
            comments += 1
            continue
        start, end = times[i]
        text_, special = clean_ass_text(ev.text)
        if ev.style not in subs.styles:
            unknown_styles.add(ev.style)
        cues.append(RawCue(lineno=i + 1, start=start, end=end, text=text_, style=ev.style, actor=ev.name.strip(),
                           effect=ev.effect, special=special, source_index=k))
    notes = []
    if comments:
        notes.append(f"{comments} Comment event(s) were not imported")
    if unknown_styles:
        notes.append(f"style(s) used but not defined: {', '.join(sorted(unknown_styles)[:5])}")
    return cues, notes, fmt
