"""``load_subtitles(path)``: SRT, ASS/SSA, WebVTT (and, by extension, labeled CSV and RTTM) → lines."""

from __future__ import annotations

import os

from ..errors import InputError
from ..lines import Line, make_line_id
from .ass import read_ass
from .encoding import read_text
from .model import SubtitleImport, check_times, cues_to_lines, overlap_warnings
from .srt_vtt import read_srt, read_vtt

SUBTITLE_EXTENSIONS = (".srt", ".ass", ".ssa", ".vtt")
ALL_EXTENSIONS = SUBTITLE_EXTENSIONS + (".csv", ".tsv", ".rttm")


def detect_format(text: str, path: str) -> str:
    """``srt``/``ass``/``vtt`` from the content first (a header is unambiguous), then the file extension."""
    head = text.lstrip("\ufeff")[:4096]
    if head.startswith("WEBVTT"):
        return "vtt"
    if any(tag in head for tag in ("[Script Info]", "[V4+ Styles]", "[V4 Styles]", "[Events]")):
        return "ass"
    ext = os.path.splitext(path)[1].lower()
    if ext in (".ass", ".ssa"):
        return "ass"
    if ext == ".vtt":
        return "vtt"
    if ext == ".srt" or "-->" in head:
        return "srt"
    raise InputError("unknown subtitle format (expected SRT, ASS/SSA, WebVTT, or a labeled CSV)", path=path,
                     code="unknown_format")


def load_subtitles(path: str | os.PathLike) -> SubtitleImport:
    """Read a subtitle file. Raises :class:`InputError` (file, line, problem) on bad input."""
    p = os.fspath(path)
    ext = os.path.splitext(p)[1].lower()
    if ext in (".csv", ".tsv"):
        from .labeled_csv import load_labeled_csv
        return load_labeled_csv(p)
    if ext == ".rttm":
        return load_rttm(p)
    text, encoding = read_text(p)
    fmt = detect_format(text, p)
    if fmt == "srt":
        cues, notes = read_srt(text, p)
    elif fmt == "vtt":
        cues, notes = read_vtt(text, p)
    else:
        cues, notes, fmt = read_ass(text, p)
    warnings = list(notes)
    lines = cues_to_lines(cues, p, warnings)
    if not lines:
        raise InputError("every cue is empty", path=p, code="no_cues")
    return SubtitleImport(path=p, format=fmt, encoding=encoding, lines=lines, warnings=warnings)


def load_rttm(path: str | os.PathLike) -> SubtitleImport:
    """Speaker turns of an RTTM file (``SPEAKER file chan start dur <NA> <NA> name …``) as lines without text."""
    from .timefmt import parse_time

    p = os.fspath(path)
    text, encoding = read_text(p)
    lines: list[Line] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        parts = raw.split()
        if not parts or parts[0].startswith((";", "#")) or parts[0] != "SPEAKER":
            continue
        if len(parts) < 8:
            raise InputError(f"an RTTM SPEAKER line needs at least 8 fields, found {len(parts)}", path=p,
                             line=lineno, code="bad_row")
        try:
            start, dur = parse_time(parts[3]), parse_time(parts[4])
        except ValueError as err:
            code = "negative_time" if parts[3].startswith("-") or parts[4].startswith("-") else "bad_time"
            raise InputError(str(err), path=p, line=lineno, code=code) from None
        check_times(start, start + dur, p, lineno)
        name = "" if parts[7] == "<NA>" else parts[7]
        lines.append(Line(id=make_line_id(len(lines)), start=start, end=start + dur, text="", speaker=name,
                          source_index=len(lines)))
    if not lines:
        raise InputError("no SPEAKER lines found (is this an RTTM file?)", path=p, code="no_cues")
    return SubtitleImport(path=p, format="rttm", encoding=encoding, lines=lines, warnings=overlap_warnings(lines))
