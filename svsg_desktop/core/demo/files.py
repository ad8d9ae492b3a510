"""The text outputs of a demo episode: SRT and ASS subtitles (no speaker names: finding them is the app's job)
and the ground-truth CSV (English headers, utf-8-sig, times H:MM:SS.mmm)."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pysubs2

from ..errors import InputError
from ..lines import Flag, Line, format_ms, make_line_id

TRUTH_COLUMNS = ("start", "end", "speaker", "text", "location", "visible", "lang", "music", "speech_start",
                 "speech_end", "style")


@dataclass(frozen=True)
class TruthLine:
    """One line of the ground truth. Times in integer ms; ``start``/``end`` are the subtitle's times (multiples
    of 10 ms so that SRT, ASS and CSV agree exactly); ``speech_start``/``speech_end`` the exact speech span.
    ``visible`` = the characters on screen at the line's midpoint (empty = nobody)."""

    start: int
    end: int
    speaker: str
    text: str
    location: str
    visible: tuple[str, ...]
    lang: str
    music: bool
    speech_start: int
    speech_end: int
    style: str = "Default"

    def to_line(self, index: int) -> Line:
        flags = frozenset({Flag.NON_DIALOGUE}) if self.style != "Default" else frozenset()
        return Line(id=make_line_id(index), start=self.start, end=self.end, text=self.text, speaker=self.speaker,
                    flags=flags, style=self.style, source_index=index)


def _atomic_write_text(path: Path, text: str, encoding: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
    os.replace(tmp, path)


def write_subtitles(lines: list[TruthLine], srt: Path, ass: Path, width: int, height: int) -> None:
    subs = pysubs2.SSAFile()
    subs.info["PlayResX"] = str(width)
    subs.info["PlayResY"] = str(height)
    subs.info["Title"] = "svsg demo episode"
    subs.styles["Default"] = pysubs2.SSAStyle(fontname="Noto Sans", fontsize=max(16, height // 16),
                                              alignment=pysubs2.Alignment.BOTTOM_CENTER, outline=2, shadow=1)
    subs.styles["Sign"] = pysubs2.SSAStyle(fontname="Noto Serif", fontsize=max(20, height // 11), bold=True,
                                           primarycolor=pysubs2.Color(255, 230, 60),
                                           alignment=pysubs2.Alignment.MIDDLE_CENTER, outline=3, shadow=0)
    for ln in lines:
        subs.append(pysubs2.SSAEvent(start=ln.start, end=ln.end, text=ln.text, style=ln.style))
    _atomic_write_text(ass, subs.to_string("ass"), "utf-8")
    _atomic_write_text(srt, subs.to_string("srt"), "utf-8")


def write_truth_csv(lines: list[TruthLine], path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(TRUTH_COLUMNS)
    for ln in lines:
        w.writerow([format_ms(ln.start), format_ms(ln.end), ln.speaker, ln.text, ln.location, ";".join(ln.visible),
                    ln.lang, int(ln.music), format_ms(ln.speech_start), format_ms(ln.speech_end), ln.style])
    _atomic_write_text(path, buf.getvalue(), "utf-8-sig")


_TIME = re.compile(r"^(\d+):(\d{2}):(\d{2})\.(\d{3})$")


def parse_time(text: str, path: Path, row: int) -> int:
    m = _TIME.match(text.strip())
    if not m:
        raise InputError(f"bad time {text!r} (expected H:MM:SS.mmm)", path=str(path), line=row)
    h, mi, s, ms = (int(g) for g in m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


def read_truth_csv(path: str | Path) -> list[TruthLine]:
    """Read a truth CSV written by :func:`write_truth_csv` (the six first columns are required)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the truth CSV: {err}", path=str(path)) from err
    rows = list(csv.DictReader(io.StringIO(text)))
    need = TRUTH_COLUMNS[:6]
    if not rows or any(c not in rows[0] for c in need):
        raise InputError(f"not a demo truth CSV: needs the columns {', '.join(need)}", path=str(path), line=1)
    out = []
    for i, r in enumerate(rows, start=2):
        start, end = parse_time(r["start"], path, i), parse_time(r["end"], path, i)
        out.append(TruthLine(
            start=start, end=end, speaker=r["speaker"], text=r["text"], location=r["location"],
            visible=tuple(v for v in r["visible"].split(";") if v), lang=r.get("lang") or "en",
            music=(r.get("music") or "0") == "1",
            speech_start=parse_time(r["speech_start"], path, i) if r.get("speech_start") else start,
            speech_end=parse_time(r["speech_end"], path, i) if r.get("speech_end") else end,
            style=r.get("style") or "Default"))
    return out
