"""The project CSV: the source of truth for a labeling project (schema in ``docs/project-csv.md``).

One row per line, in time order, ``utf-8-sig`` (Excel opens it with CJK intact), CRLF records. Times are exact
``H:MM:SS.mmm``. The CSV alone restores lines, groups, group names, pins and what a person kept together
(``kept``; older files without the column read as 0). Project-level data that has no row — video and subtitle
paths, groups with no lines, the corrections log — lives in a sidecar ``NAME.svsg.json`` written after the CSV;
it records the CSV's SHA-256 so that a sidecar left over from an older save is recognised (then only its paths
and log are used). Both files are replaced atomically.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import os
from pathlib import Path

from ..errors import InputError
from ..lines import Flag, Line
from ..project import Cluster, Project
from .atomic import atomic_write_bytes, remove_stale_temp_files
from .csvrows import read_csv_table
from ..journal import replay_journal
from .lock import project_lock
from .timefmt import format_time, parse_time

log = logging.getLogger(__name__)

COLUMNS = ("id", "start", "end", "speaker", "line_speaker", "cluster", "cluster_name", "confidence", "flags",
           "pinned", "kept", "style", "source_index", "text")
SIDECAR_SUFFIX = ".svsg.json"
SIDECAR_FORMAT = "svsg-project"
SIDECAR_VERSION = 1


def sidecar_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.stem + SIDECAR_SUFFIX)


def project_csv_bytes(project: Project) -> bytes:
    """The exact bytes :func:`save_project` writes for the CSV."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    order = project.order
    if len(order) != len(project.lines) or set(order) != set(project.lines):   # a hand-built project
        order = sorted(project.lines, key=lambda i: (project.lines[i].start, project.lines[i].end, i))
    for lid in order:
        ln = project.lines[lid]
        cl = project.clusters.get(ln.cluster) if ln.cluster is not None else None
        w.writerow([
            ln.id, format_time(ln.start), format_time(ln.end), project.speaker_of(lid), ln.speaker,
            "" if ln.cluster is None else ln.cluster, cl.name if cl else "",
            "" if ln.confidence is None else repr(float(ln.confidence)), Flag.format_set(ln.flags),
            "1" if ln.pinned else "0", "1" if ln.kept else "0", ln.style,
            "" if ln.source_index is None else ln.source_index, ln.text,
        ])
    return buf.getvalue().encode("utf-8-sig")


def save_project(project: Project, path: str | os.PathLike) -> None:
    """Write the project CSV and its sidecar, each atomically (old or new file on disk, never a torn one), under
    the project's lock: another process holding the project raises :class:`~.lock.ProjectLocked` and nothing is
    written, so two writers never mix one's CSV with the other's sidecar."""
    with project_lock(path):
        _save_pair(project, path)


def _save_pair(project: Project, path: str | os.PathLike) -> None:
    data = project_csv_bytes(project)
    atomic_write_bytes(path, data)
    side = {
        "format": SIDECAR_FORMAT, "version": SIDECAR_VERSION, "csv": Path(path).name,
        "csv_sha256": hashlib.sha256(data).hexdigest(), "rows": len(project.lines),
        "project_id": project.project_id, "journal_seq": project.journal_seq,
        "video": project.video, "subtitles": project.subtitles,
        "clusters": [{"id": c.id, "name": c.name} for c in sorted(project.clusters.values(), key=lambda c: c.id)],
        "corrections": project.corrections,
    }
    try:
        atomic_write_bytes(sidecar_path(path), (json.dumps(side, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except InputError as err:      # the CSV (every line, group and pin) is saved: say so, and what is behind
        why = str(err).split(": ", 1)[-1]
        raise InputError(f"{Path(path).name} was saved, but its sidecar {sidecar_path(path).name} was not ({why}); "
                         "the CSV holds every line, group and pin, the sidecar's video path and corrections log "
                         "are behind until the next save", path=str(path), code=err.code) from None
    for p in (path, sidecar_path(path)):
        if remove_stale_temp_files(p):
            log.info("removed temporary files left by an interrupted save of %s", p)


def saved_journal_state(path: str | os.PathLike) -> tuple[str | None, int]:
    """``(project_id, journal_seq)`` recorded in the sidecar of project CSV ``path`` (``(None, 0)``: none)."""
    try:
        meta = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
        pid = meta.get("project_id")
        return (pid, int(meta.get("journal_seq") or 0)) if isinstance(pid, str) else (None, 0)
    except (OSError, ValueError, TypeError, AttributeError):
        return None, 0


def _int(value: str, what: str, path: str, lineno: int) -> int | None:
    v = value.strip()
    if not v:
        return None
    try:
        return int(v)
    except ValueError:
        raise InputError(f"{what} must be a whole number, not {v!r}", path=path, line=lineno,
                         code="bad_value") from None


def _bool(value: str, what: str, path: str, lineno: int) -> bool:
    v = value.strip().lower()
    if v in ("1", "true", "yes", "y", "x"):
        return True
    if v in ("", "0", "false", "no", "n"):
        return False
    raise InputError(f"{what} must be 1 or 0, not {value!r}", path=path, line=lineno, code="bad_value")


def load_project(path: str | os.PathLike) -> Project:
    """Read a project CSV (and its sidecar when present). A CSV without an ``id`` column is read as a labeled
    CSV (Chat-Haruhi or English) and becomes a new project."""
    table = read_csv_table(path)
    if "id" not in table.header:
        from .labeled_csv import load_labeled_csv
        return load_labeled_csv(path).to_project()
    missing = [c for c in ("start", "end", "text") if c not in table.header]
    if missing:
        raise InputError(f"project CSV lacks column(s) {', '.join(missing)}", path=table.path, line=1,
                         code="bad_header")
    p = table.path
    if table.short_rows:
        lineno, n = table.short_rows[0]
        raise InputError(f"this row has only {n} of the {len(table.header)} columns: the file is cut short or "
                         "damaged (restore it from a backup, or fill in the row)", path=p, line=lineno,
                         code="short_row")
    project = Project()
    names: dict[int, tuple[str, int]] = {}
    order: list[str] = []
    for lineno, row in table.rows:
        lid = row["id"].strip()
        if not lid:
            raise InputError("empty id", path=p, line=lineno, code="bad_value")
        if lid in project.lines:
            raise InputError(f"id {lid!r} appears twice", path=p, line=lineno, code="duplicate_id")
        times = []
        for col in ("start", "end"):
            try:
                times.append(parse_time(row[col]))
            except ValueError as err:
                code = "negative_time" if row[col].strip().startswith("-") else "bad_time"
                raise InputError(f"column {col!r}: {err}", path=p, line=lineno, code=code) from None
        if times[1] < times[0]:
            raise InputError("the line ends before it starts", path=p, line=lineno, code="reversed_time")
        cluster = _int(row.get("cluster", ""), "cluster", p, lineno)
        conf_text = row.get("confidence", "").strip()
        try:
            confidence = float(conf_text) if conf_text else None
        except ValueError:
            raise InputError(f"confidence must be a number, not {conf_text!r}", path=p, line=lineno,
                             code="bad_value") from None
        if confidence is not None and not math.isfinite(confidence):
            raise InputError(f"confidence must be finite, not {conf_text!r}", path=p, line=lineno,
                             code="bad_value")
        try:
            flags = Flag.parse_set(row.get("flags", ""))
        except ValueError:
            raise InputError(f"unknown flag in {row.get('flags')!r} (known: {', '.join(f.value for f in Flag)})",
                             path=p, line=lineno, code="bad_flag") from None
        speaker = row["line_speaker"] if "line_speaker" in table.header else row.get("speaker", "")
        if cluster is not None:
            name = row.get("cluster_name", "")
            if cluster in names and names[cluster][0] != name:
                raise InputError(f"group {cluster} is named {names[cluster][0]!r} on line {names[cluster][1]} but "
                                 f"{name!r} here", path=p, line=lineno, code="inconsistent_group")
            names.setdefault(cluster, (name, lineno))
        project.lines[lid] = Line(
            id=lid, start=times[0], end=times[1], text=row["text"], speaker=speaker, cluster=cluster,
            confidence=confidence, flags=flags, pinned=_bool(row.get("pinned", ""), "pinned", p, lineno),
            kept=_bool(row.get("kept", ""), "kept", p, lineno),
            style=row.get("style", ""), source_index=_int(row.get("source_index", ""), "source_index", p, lineno))
        order.append(lid)
    project.clusters = {cid: Cluster(cid, name) for cid, (name, _) in sorted(names.items())}
    starts = [project.lines[i].start for i in order]
    if any(b < a for a, b in zip(starts, starts[1:])):
        order.sort(key=lambda i: (project.lines[i].start, project.lines[i].end, i))
    project.order = order
    _apply_sidecar(project, path)
    replay_journal(project, path)
    return project


def _refuse_if_cut_short(meta: dict, data: bytes, rows: int, path, side: Path) -> None:
    """A CSV that changed since its sidecar was written and has fewer rows than were saved, or whose last record
    has no line end (the writer always ends with one), was cut short: never load it as a partial project."""
    saved = meta.get("rows")
    fewer = isinstance(saved, int) and rows < saved
    if fewer or not data.rstrip(b" \t\x00").endswith(b"\n"):     # \x00: a copy re-saved as UTF-16/32
        what = f"has {rows} lines but was last saved with {saved}" if fewer else "ends in the middle of a line"
        raise InputError(f"the project CSV {what}: the file looks cut short (an interrupted copy or sync?). "
                         f"Restore it from a backup; if you removed lines on purpose, delete {side.name} to open "
                         "it as it is", path=str(path), code="truncated")


def _apply_sidecar(project: Project, path: str | os.PathLike) -> None:
    side = sidecar_path(path)
    if not side.exists():
        return
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != SIDECAR_FORMAT:
            raise ValueError("not an svsg sidecar")
    except (OSError, ValueError) as err:
        log.warning("ignoring unreadable project sidecar %s: %s", side, err)
        return
    data = Path(path).read_bytes()
    fresh = meta.get("csv_sha256") == hashlib.sha256(data).hexdigest()
    if not fresh:
        _refuse_if_cut_short(meta, data, len(project.lines), path, side)
        log.warning("project sidecar %s belongs to another version of the CSV (edited by hand, or the save "
                    "was interrupted): using only its video/subtitle paths and corrections log", side)
    video, subs = meta.get("video"), meta.get("subtitles")
    project.video = video if isinstance(video, str) else None
    project.subtitles = subs if isinstance(subs, str) else None
    corrections = meta.get("corrections")
    project.corrections = corrections if isinstance(corrections, list) else []
    pid, seq = saved_journal_state(path)
    if pid is not None:
        project.project_id, project.journal_seq = pid, seq
    # groups no line is in (emptied, or named before any line moved in) live only in the sidecar; keep them even
    # when the CSV is newer than it (a save cut between the two): dropping them would lose a name the user gave
    for c in meta.get("clusters") or []:
        try:
            cid, name = int(c["id"]), str(c.get("name", ""))
        except (TypeError, KeyError, ValueError):
            continue
        if cid not in project.clusters:
            project.clusters[cid] = Cluster(cid, name)
