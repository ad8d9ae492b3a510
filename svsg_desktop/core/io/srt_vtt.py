"""SubRip (pysrt) and WebVTT (pysubs2) readers producing :class:`RawCue` records with file line numbers.

Both libraries are lenient about time stamps (pysrt reads ``-00:00:01,000`` as +1 s and ``00:00:0x,000`` as 0;
pysubs2 reads the VTT fraction ``.50`` as 50 ms), so every time line is also checked and parsed strictly here
(:func:`timefmt.parse_time`), and a bad one is reported with its line number.
"""

from __future__ import annotations

import html
import re
import warnings

import pysrt
import pysubs2
from pysubs2.formats.webvtt import WebVTTFormat

from ..errors import InputError
from .model import RawCue
from .textclean import clean_html_text
from .timefmt import parse_time

_TIMING = re.compile(r"^\s*(?P<a>\S+)\s*-->\s*(?P<b>\S+)(?:\s+(?P<rest>.*))?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_STAMP = r"\d+:\d{2}:\d{2}(?:[,.]\d+)?"
#: two time stamps and a separator that is not ``-->`` (``->``, ``—>``, ``---``): a time line typed wrong
_BROKEN_TIMING = re.compile(rf"^\s*{_STAMP}\s*[^\d\s]{{0,4}}\s*{_STAMP}\s*$")


def parse_timing(line: str, path: str, lineno: int) -> tuple[int, int]:
    m = _TIMING.match(line)
    if not m:
        raise InputError(f"cannot read the time line {line.strip()[:60]!r} (expected 'start --> end')",
                         path=path, line=lineno, code="bad_time")
    out = []
    for stamp in (m.group("a"), m.group("b")):
        try:
            out.append(parse_time(stamp))
        except ValueError as err:
            code = "negative_time" if stamp.startswith("-") else "bad_time"
            raise InputError(str(err), path=path, line=lineno, code=code) from None
    return out[0], out[1]


# -- SRT ---------------------------------------------------------------------------------------------------------
def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks as (first line number, lines)."""
    blocks, cur, first = [], [], 0
    for i, ln in enumerate(lines):
        if ln.strip():
            if not cur:
                first = i + 1
            cur.append(ln)
        elif cur:
            blocks.append((first, cur))
            cur = []
    if cur:
        blocks.append((first, cur))
    return blocks


def read_srt(text: str, path: str) -> tuple[list[RawCue], list[str]]:
    lines = text.lstrip("\ufeff").splitlines()
    cues: list[RawCue] = []
    notes: list[str] = []
    continued = dangling = first_continued = 0
    for first, block in _blocks(lines):
        timing = [k for k, ln in enumerate(block) if "-->" in ln]
        starts = [k - 1 if k > 0 and block[k - 1].strip().isdigit() and (j == 0 or k - 1 > timing[j - 1]) else k
                  for j, k in enumerate(timing)]
        head = block[: starts[0]] if starts else block
        if head and all(h.strip().isdigit() for h in head) and cues:
            dangling += 1           # a cue number with nothing after it (a truncated file)
        elif head:
            for k, ln in enumerate(head):
                if _BROKEN_TIMING.match(ln):     # never glue a cue with a mistyped time line into the one before
                    raise InputError(f"cannot read the time line {ln.strip()[:60]!r} (expected 'start --> end')",
                                     path=path, line=first + k, code="bad_time")
            if not cues:
                raise InputError(f"expected a cue number and a time line, found {head[0].strip()[:60]!r}",
                                 path=path, line=first, code="bad_cue")
            extra = clean_html_text("\n".join(head))
            if extra:
                cues[-1].text = (cues[-1].text + "\n" + extra).strip("\n")
            continued += 1
            first_continued = first_continued or first
        for j, s in enumerate(starts):
            e = starts[j + 1] if j + 1 < len(starts) else len(block)
            sub = block[s:e]
            lineno = first + timing[j]
            start, end = parse_timing(block[timing[j]], path, lineno)
            if len(sub) < 2:        # a time line alone: an empty cue (pysrt wants two lines)
                body = ""
            else:
                try:
                    body = pysrt.SubRipItem.from_lines([ln + "\n" for ln in sub]).text
                except pysrt.Error as err:  # pragma: no cover - the checks above catch what pysrt refuses
                    raise InputError(f"cannot read this cue ({type(err).__name__})", path=path, line=lineno,
                                     code="bad_cue") from None
            cues.append(RawCue(lineno=lineno, start=start, end=end, text=clean_html_text(body),
                               source_index=len(cues)))
    if not cues:
        raise InputError("no subtitle cues found (no 'start --> end' time lines)", path=path, code="no_cues")
    if continued:
        notes.append(f"{continued} text block(s) without a time line were joined to the cue before them (first "
                     f"at line {first_continued})")
    if dangling:
        notes.append(f"{dangling} cue number(s) without a time line were ignored (truncated file?)")
    return cues, notes


# -- WebVTT ------------------------------------------------------------------------------------------------------
_INLINE_TIME = re.compile(r"<(?:\d+:)?\d{2}:\d{2}\.\d{3}>")   # karaoke timestamps inside cue text


def read_vtt(text: str, path: str) -> tuple[list[RawCue], list[str]]:
    body = _INLINE_TIME.sub("", text.lstrip("\ufeff"))   # pysubs2 would take two of them for a time line
    lines = body.splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        raise InputError("a WebVTT file must start with 'WEBVTT'", path=path, line=1, code="bad_header")
    timing_lines = []
    for i, ln in enumerate(lines):
        two = len(WebVTTFormat.TIMESTAMP.findall(ln)) == 2
        if "-->" in ln or two:
            if not ("-->" in ln and two):
                raise InputError(f"cannot read the time line {ln.strip()[:60]!r} (WebVTT wants "
                                 "HH:MM:SS.mmm --> HH:MM:SS.mmm)", path=path, line=i + 1, code="bad_time")
            timing_lines.append(i + 1)
    if not timing_lines:
        raise InputError("no subtitle cues found (no 'start --> end' time lines)", path=path, code="no_cues")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            subs = pysubs2.SSAFile.from_string("\n".join(lines) + "\n", format_="vtt", keep_html_tags=True)
    except Exception as err:  # pysubs2 raises plain ValueError/IndexError on odd input
        raise InputError(f"cannot read this WebVTT file ({err})", path=path, code="bad_file") from None
    if len(subs.events) != len(timing_lines):  # pragma: no cover - both count the same lines
        raise InputError("inconsistent cue count", path=path, code="bad_file")
    cues = []
    for k, lineno in enumerate(timing_lines):
        start, end = parse_timing(lines[lineno - 1], path, lineno)
        raw = _cue_payload(lines, lineno)
        voices = list(dict.fromkeys(html.unescape(v).strip() for v in _VOICE.findall(raw)))
        cues.append(RawCue(lineno=lineno, start=start, end=end, text=clean_html_text(raw),
                           actor=voices[0] if len(voices) == 1 else "", several=len(voices) > 1,
                           source_index=k))
    return cues, []


def _cue_payload(lines: list[str], timing_lineno: int) -> str:
    """The cue text as WebVTT defines it: the lines after the time line up to the first blank line. (pysubs2's
    parser drops a last text line made only of digits, taking it for the next cue's number.)"""
    out = []
    for ln in lines[timing_lineno:]:
        if not ln.strip():
            break
        out.append(ln)
    return "\n".join(out)
