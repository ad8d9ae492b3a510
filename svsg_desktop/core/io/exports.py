"""Exports of a project: ``csv`` (project CSV), ``haruhi-csv``, ``haruhi-txt``, ``ass``, ``srt``, ``vtt``, ``rttm``.

Every export is written atomically. The label written is :meth:`Project.speaker_of` (a named group's name, else
the line's own label). Non-dialogue lines (signs, songs, credits) never carry a speaker: the subtitle formats keep
them without a name, Chat-Haruhi TXT and RTTM (speech turns) leave them out. RTTM gives lines of an unnamed group
the group's neutral label (``Speaker_3``) so a diarization scorer sees every group.
"""

from __future__ import annotations

import csv
import html
import io
import logging
import os
import re
import warnings
from pathlib import Path

import pysrt
import pysubs2

from ..errors import InputError
from ..lines import Flag, Line
from ..project import Project
from .atomic import atomic_write_bytes
from .labeled_csv import HARUHI_COLUMNS
from .project_csv import project_csv_bytes
from .textclean import clean_ass_text, split_speaker_prefix
from .timefmt import format_seconds, format_time

log = logging.getLogger(__name__)

EXPORT_FORMATS = ("csv", "haruhi-csv", "haruhi-txt", "ass", "srt", "vtt", "rttm")
EXTENSIONS = {"csv": ".csv", "haruhi-csv": ".csv", "haruhi-txt": ".txt", "ass": ".ass", "srt": ".srt",
              "vtt": ".vtt", "rttm": ".rttm"}


def export_project(project: Project, path: str | os.PathLike, fmt: str) -> int:
    """Write ``project`` to ``path`` in ``fmt``; returns the number of lines written. Never writes over the
    project's own video or subtitles (``InputError(code="out_is_input")``)."""
    from ..safety import check_output

    check_output(path, inputs=[project.video, project.subtitles], force=True, what="export")
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})",
                         code="unknown_format")
    writer = {"csv": _csv, "haruhi-csv": _haruhi_csv, "haruhi-txt": _haruhi_txt, "ass": _ass, "srt": _srt,
              "vtt": _vtt, "rttm": _rttm}[fmt]
    data, count = writer(project, Path(path))
    atomic_write_bytes(path, data)
    log.info("exported %d line(s) to %s as %s", count, path, fmt)
    return count


def _label(project: Project, ln: Line) -> str:
    return project.speaker_of(ln.id) if ln.is_dialogue else ""


def _csv(project: Project, path: Path) -> tuple[bytes, int]:
    return project_csv_bytes(project), len(project)


def _haruhi_csv(project: Project, path: Path) -> tuple[bytes, int]:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HARUHI_COLUMNS)
    for ln in project.ordered():
        w.writerow([_label(project, ln), ln.text, format_time(ln.start), format_time(ln.end)])
    return buf.getvalue().encode("utf-8-sig"), len(project)


def _haruhi_txt(project: Project, path: Path) -> tuple[bytes, int]:
    out = []
    for ln in project.ordered():
        name = _label(project, ln)
        if not ln.is_dialogue or not name:
            continue
        out.append(f"{name}:「{' '.join(ln.text.split(chr(10)))}」")
    return ("\n".join(out) + "\n").encode("utf-8"), len(out)


def _srt(project: Project, path: Path) -> tuple[bytes, int]:
    items = pysrt.SubRipFile()
    for k, ln in enumerate(project.ordered(), 1):
        name = _label(project, ln)
        text = _plain(ln.text)
        if name:
            first, *rest = text.split("\n")
            # a later line that itself looks like "NAME: …" gets the prefix too, or it would be read as a label
            rest = [f"{name}: {r}" if split_speaker_prefix(r) else r for r in rest]
            text = "\n".join([f"{name}: {first}", *rest])
        items.append(pysrt.SubRipItem(k, start=pysrt.SubRipTime.from_ordinal(ln.start),
                                      end=pysrt.SubRipTime.from_ordinal(ln.end), text=text))
    buf = io.StringIO()
    items.write_into(buf, eol="\n")
    return buf.getvalue().encode("utf-8"), len(items)


def _plain(text: str) -> str:
    """Cue text safe for SRT/VTT: no blank line (it would end the cue), no ``-->`` (it would start one)."""
    return "\n".join(ln for ln in text.replace("-->", "→").split("\n") if ln.strip()) or " "


def _vtt_time(ms: int) -> str:
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, milli = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def _vtt(project: Project, path: Path) -> tuple[bytes, int]:
    out = ["WEBVTT", ""]
    for k, ln in enumerate(project.ordered(), 1):
        name = _label(project, ln)
        text = html.escape(_plain(ln.text), quote=False)
        if name:
            text = f"<v {html.escape(name, quote=False)}>{text}"
        out += [str(k), f"{_vtt_time(ln.start)} --> {_vtt_time(ln.end)}", text, ""]
    return "\n".join(out).encode("utf-8"), len(project)


def _rttm(project: Project, path: Path) -> tuple[bytes, int]:
    file_id = re.sub(r"\s+", "_", Path(project.video).stem if project.video else path.stem) or "episode"
    out = []
    for ln in project.ordered():
        if not ln.is_dialogue:
            continue
        name = project.speaker_of(ln.id)
        if not name and ln.cluster is not None and ln.cluster in project.clusters:
            name = project.clusters[ln.cluster].label()
        if not name:
            continue
        for part in name.split("/") if Flag.SEVERAL in ln.flags else [name]:   # "A/B": a turn for each
            part = re.sub(r"\s+", "_", part.strip())
            out.append(f"SPEAKER {file_id} 1 {format_seconds(ln.start)} {format_seconds(ln.end - ln.start)} "
                       f"<NA> <NA> {part} <NA> <NA>")
    return ("\n".join(out) + ("\n" if out else "")).encode("utf-8"), len(out)


# -- ASS -----------------------------------------------------------------------------------------------------------
def _ass_text(text: str) -> str:
    return text.replace("{", "｛").replace("}", "｝").replace("\n", "\\N")


def _ass_name(name: str) -> str:
    return name.replace(",", "，").replace("\n", " ")


def _source_ass(project: Project) -> pysubs2.SSAFile | None:
    """The original ASS/SSA file when the project came from one and it is still there (styles, info, tags)."""
    src = project.subtitles
    if not src or os.path.splitext(src)[1].lower() not in (".ass", ".ssa") or not os.path.isfile(src):
        return None
    from .ass import parse_ass
    from .encoding import read_text

    try:
        text, _ = read_text(src)
        return parse_ass(text, src)
    except InputError as err:
        log.warning("cannot re-read the original subtitles %s (%s): exporting with default styles", src, err)
        return None


def _ass(project: Project, path: Path) -> tuple[bytes, int]:
    src = _source_ass(project)
    subs = src if src is not None else pysubs2.SSAFile()   # src is freshly read: ours to change
    lines = list(project.ordered())
    by_index = {ln.source_index: ln for ln in lines if ln.source_index is not None}
    events, used, joined = [], set(), {}
    for k, ev in enumerate(src.events if src is not None else []):
        ln = by_index.get(k)
        text = clean_ass_text(ev.text)[0]
        if ev.is_comment:
            events.append(ev)
        elif ln is not None and ln.id not in used and (text == ln.text or ln.text.startswith(text + "\n")):
            joined[(ev.start, ev.end)] = ln          # other-language events at these times belong to it too
            ev.start, ev.end, ev.name = ln.start, ln.end, _ass_name(_label(project, ln))
            events.append(ev)
            used.add(ln.id)
        elif (ev.start, ev.end) in joined and text and f"\n{text}\n" in f"\n{joined[(ev.start, ev.end)].text}\n":
            ln = joined[(ev.start, ev.end)]
            ev.start, ev.end, ev.name = ln.start, ln.end, _ass_name(_label(project, ln))
            events.append(ev)
        elif not text:
            events.append(ev)   # pure drawing / empty: never became a line; keep the typesetting
    default = subs.styles.get("Default", pysubs2.SSAStyle())
    for ln in lines:
        if ln.id in used:
            continue
        style = ln.style or ("Default" if ln.is_dialogue else "Sign")
        if style not in subs.styles:
            subs.styles[style] = default.copy()
        events.append(pysubs2.SSAEvent(start=ln.start, end=ln.end, style=style, text=_ass_text(ln.text),
                                       name=_ass_name(_label(project, ln))))
    subs.events = events
    fmt = "ssa" if src is not None and src.format == "ssa" else "ass"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = subs.to_string(fmt)
    return text.encode("utf-8-sig"), len(lines)
