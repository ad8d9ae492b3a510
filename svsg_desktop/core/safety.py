"""Guards for the files of an episode on disk, shared by every front end (CLI, app, workspace): never write over
an input, never replace a project without being asked (and then keep a backup), check the destination before a
long job rather than after it.

Each guard raises :class:`~svsg_desktop.core.errors.InputError` with a stable ``code``:
``out_is_input`` (the output is one of the inputs), ``exists`` (an existing file and no ``force``),
``no_such_folder``, ``out_is_folder``.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path
from typing import Iterable

from .errors import InputError

log = logging.getLogger(__name__)

PathLike = str | os.PathLike


def same_file(a: PathLike, b: PathLike) -> bool:
    """True when ``a`` and ``b`` name one file (hard links, symlinks, ``./x`` vs ``x``, case on Windows)."""
    try:
        return os.path.samefile(a, b)
    except OSError:   # one does not exist (yet): compare the normalised absolute paths
        norm = os.path.normcase
        return norm(os.path.realpath(a)) == norm(os.path.realpath(b))


def check_output(out: PathLike, *, inputs: Iterable[PathLike | None] = (), force: bool = False,
                 what: str = "output file", force_hint: str = "--force") -> Path:
    """Check, before any work, that ``out`` may be written: its folder exists, it is not a folder, it is none of
    ``inputs`` (refused even with ``force``: that would destroy the source) and it does not exist yet unless
    ``force``. Returns ``out`` as a :class:`Path`."""
    out = Path(out)
    for src in inputs:
        if src is not None and same_file(out, src):
            raise InputError(f"refusing to write the {what} over an input file ({src}): choose another name",
                             path=str(out), code="out_is_input")
    folder = out.absolute().parent
    if not folder.is_dir():
        raise InputError(f"the folder for the {what} does not exist", path=str(folder), code="no_such_folder")
    if out.is_dir():
        raise InputError(f"this is a folder: the {what} must be a file name", path=str(out), code="out_is_folder")
    if out.exists() and not force:
        raise InputError(f"the {what} already exists (use {force_hint} to replace it)", path=str(out),
                         code="exists")
    return out


def project_files(path: PathLike) -> list[Path]:
    """The files that make up a project on disk: the CSV, then its sidecar, journal and lock (if present)."""
    from .io.project_csv import sidecar_path
    from .journal import journal_path

    p = Path(path)
    return [p, sidecar_path(p), journal_path(p)]


def backup_project(path: PathLike) -> Path | None:
    """Copy an existing project (CSV, sidecar, journal) to ``NAME.backup-YYYYmmdd-HHMMSS.csv`` beside it, before
    it is replaced. Returns the backup CSV, or ``None`` when there was no project to keep."""
    src = Path(path)
    if not src.is_file():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for k in range(1000):
        name = f"{src.stem}.backup-{stamp}{'' if k == 0 else f'-{k}'}{src.suffix}"
        dest = src.with_name(name)
        if not any(f.exists() for f in project_files(dest)):
            break
    else:  # pragma: no cover - a thousand backups in one second
        raise InputError("cannot find a free name for the backup", path=str(src), code="unwritable")
    try:
        for a, b in zip(project_files(src), project_files(dest)):
            if a.is_file():
                shutil.copy2(a, b)
    except OSError as err:
        raise InputError(f"cannot keep a backup before replacing the project ({err.strerror or err}): "
                         "nothing was replaced", path=str(src), code="unwritable") from None
    log.info("kept a backup of %s as %s", src, dest)
    return dest


def check_project_output(out: PathLike, *, inputs: Iterable[PathLike | None] = (), force: bool = False) -> Path:
    """:func:`check_output` for a project CSV and the sidecar it brings along (neither may be an input)."""
    from .io.project_csv import sidecar_path

    out = check_output(out, inputs=inputs, force=force, what="project CSV")
    check_output(sidecar_path(out), inputs=inputs, force=True, what="project sidecar")
    return out


def default_export_path(project_path: PathLike, fmt: str) -> Path:
    """Where ``svsg export`` writes without ``--out``: beside the project, with a tag before the extension, so
    that it never lands on the episode's own subtitles (``ep.ass``) or the project CSV (``ep.csv``):
    ``ep.speakers.ass``, ``ep.labels.csv``, ``ep.haruhi.csv``."""
    from .io.exports import EXTENSIONS

    p = Path(project_path)
    tag = ".haruhi" if fmt.startswith("haruhi") else (".labels" if fmt == "csv" else ".speakers")
    stem = p.stem[: -len(tag)] if p.stem.endswith(tag) else p.stem
    return p.with_name(stem + tag + EXTENSIONS.get(fmt, "." + fmt))


LABELED_PROJECT_SUFFIX = ".svsg.csv"


def project_path_for_labeled(path: PathLike) -> Path:
    """Where the project of a labeled CSV (a source, never rewritten) lives: ``ep01.csv`` → ``ep01.svsg.csv``."""
    p = Path(path)
    return p.with_name(p.stem + LABELED_PROJECT_SUFFIX)
