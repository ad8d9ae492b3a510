"""Labeled CSVs: Chat-Haruhi (``人物,人物台词,开始时间,结束时间``) and English (``start,end,speaker,text``).

Any encoding :mod:`.encoding` detects (the Chat-Haruhi files are UTF-8 with BOM; GBK and Shift-JIS copies exist).
Extra columns are tolerated and kept in :attr:`SubtitleImport.extras` (e.g. ``location``, ``visible``); a
``flags`` column (a project CSV) is understood, and a ``style`` column is kept as the line's style (a style such
as ``Sign`` or ``OP`` marks the line non-dialogue when there is no ``flags`` column).
"""

from __future__ import annotations

import os

from ..errors import InputError
from ..lines import Flag, Line, make_line_id
from .csvrows import CsvTable, read_csv_table
from .model import SubtitleImport, check_times, overlap_warnings
from .textclean import is_non_dialogue_name
from .timefmt import parse_time

HARUHI_COLUMNS = ("人物", "人物台词", "开始时间", "结束时间")
ENGLISH_COLUMNS = ("start", "end", "speaker", "text")
_HARUHI_ALIASES = {"人物": "speaker", "人物台词": "text", "人物台詞": "text", "开始时间": "start",
                   "開始時間": "start", "结束时间": "end", "結束時間": "end"}
_EN_ALIASES = {"start": "start", "start_time": "start", "begin": "start", "end": "end", "end_time": "end",
               "stop": "end", "speaker": "speaker", "name": "speaker", "character": "speaker",
               "text": "text", "line": "text", "dialogue": "text"}


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


_REQUIRED = {"start": ("开始时间", "start"), "end": ("结束时间", "end"), "text": ("人物台词", "text")}


def _refuse_missing_role(table: CsvTable, haruhi: dict[str, str], english: dict[str, str]) -> None:
    """A header that names most columns of one layout but lacks a required one: say which one is missing."""
    for k, found in ((0, haruhi), (1, english)):
        missing = [r for r in _REQUIRED if r not in found]
        if len(found) >= 2 and missing:
            names = ", ".join(_REQUIRED[r][k] for r in missing)
            raise InputError(f"the CSV lacks the required column {names} ({', '.join(missing)} of each line)",
                             path=table.path, line=1, code="missing_column")


def _column_map(table: CsvTable) -> tuple[str, dict[str, str]]:
    """(format, role → column name) for the roles start, end, speaker, text."""
    haruhi = {_HARUHI_ALIASES[h]: h for h in table.header if h in _HARUHI_ALIASES}
    if {"start", "end", "text"} <= set(haruhi):
        return "haruhi-csv", haruhi
    english: dict[str, str] = {}
    for h in table.header:
        role = _EN_ALIASES.get(h.lower())
        if role and role not in english:
            english[role] = h
    if {"start", "end", "text"} <= set(english):
        return "csv", english
    _refuse_missing_role(table, haruhi, english)
    raise InputError("unknown CSV columns " + ", ".join(repr(h) for h in table.header[:8]) +
                     f"; expected {','.join(HARUHI_COLUMNS)} (Chat-Haruhi) or {','.join(ENGLISH_COLUMNS)}",
                     path=table.path, line=1, code="bad_header")


def load_labeled_csv(path: str | os.PathLike) -> SubtitleImport:
    table = read_csv_table(path)
    fmt, cols = _column_map(table)
    used = set(cols.values()) | ({"flags", "style"} & set(table.header))
    extra_cols = [h for h in table.header if h and h not in used]
    lines: list[Line] = []
    extras: dict[str, dict[str, str]] = {}
    for lineno, row in table.rows:
        times = []
        for role in ("start", "end"):
            value = row.get(cols[role], "")
            try:
                times.append(parse_time(value))
            except ValueError as err:
                code = "negative_time" if value.strip().startswith("-") else "bad_time"
                raise InputError(f"column {cols[role]!r}: {err}", path=table.path, line=lineno, code=code) from None
        check_times(times[0], times[1], table.path, lineno)
        flags: frozenset[Flag] = frozenset()
        if "flags" in table.header:
            try:
                flags = Flag.parse_set(row.get("flags", ""))
            except ValueError:
                raise InputError(f"unknown flag in {row.get('flags')!r} (known: "
                                 f"{', '.join(f.value for f in Flag)})", path=table.path, line=lineno,
                                 code="bad_flag") from None
        style = row.get("style", "").strip()
        if "flags" not in table.header and is_non_dialogue_name(style):
            flags = frozenset({Flag.NON_DIALOGUE})
        lid = make_line_id(len(lines))
        lines.append(Line(id=lid, start=times[0], end=times[1], text=_lines(row.get(cols["text"], "")),
                          speaker=row.get(cols.get("speaker", ""), "").strip(), flags=flags, style=style,
                          source_index=len(lines)))
        if extra_cols:
            extras[lid] = {h: row.get(h, "") for h in extra_cols}
    if not lines:
        raise InputError("the CSV has a header but no rows", path=table.path, code="no_cues")
    return SubtitleImport(path=table.path, format=fmt, encoding=table.encoding, lines=lines,
                          warnings=overlap_warnings(lines), extras=extras, extra_columns=extra_cols)
