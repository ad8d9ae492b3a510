"""A season's own file, and where the app looks for seasons (GUI-free).

A season is the videos of one folder plus the episodes the user added to it from elsewhere (a special, an OVA, a
re-encode on another drive). Those are listed in ``season.svsg.json`` in the season folder::

    {"format": 1, "episodes": ["../Specials/sp01.mkv", "D:/anime/ova.mkv"]}

Paths are stored relative to the season folder when they can be (the folder and its neighbours can move
together), with ``/`` separators; absolute otherwise (another drive). The file is written atomically.

To find the season of an episode that lives elsewhere, the app keeps a short per-user list of the season folders
that have such a file (``seasons.json`` in :func:`~svsg_desktop.core.paths.data_dir`, most recent first). It is
only an index: the season file is the truth, a missing or damaged index only means an added episode opens as an
episode of its own folder until it is added again.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from . import paths
from .errors import InputError
from .io.atomic import atomic_write_text

log = logging.getLogger(__name__)

SEASON_FILE = "season.svsg.json"
INDEX_FILE = "seasons.json"
FORMAT = 1
MAX_KNOWN = 64            # season folders remembered per user (the oldest are forgotten)


def season_file(folder: str | Path) -> Path:
    return Path(folder) / SEASON_FILE


def _absolute(folder: Path, entry: str) -> Path:
    return Path(os.path.normpath(folder / Path(entry)))       # an absolute entry wins over the folder


def _stored(folder: Path, video: Path) -> str:
    try:
        return Path(os.path.relpath(video, folder)).as_posix()
    except ValueError:                                      # Windows: another drive
        return video.as_posix()


def read_listed(folder: str | Path) -> list[Path]:
    """The episodes the season file of ``folder`` lists (absolute paths, as stored: some may be missing);
    ``[]`` without a season file. A damaged file: InputError(code=bad_season_file), the file untouched."""
    path = season_file(folder)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise InputError(f"cannot read the season file ({exc.strerror or exc})", path=str(path),
                         code="bad_season_file") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(f"the season file is damaged (not JSON: {exc}); fix or delete it", path=str(path),
                         code="bad_season_file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"the season file is not a format {FORMAT} season file", path=str(path),
                         code="bad_season_file")
    episodes = data.get("episodes")
    if not isinstance(episodes, list) or not all(isinstance(e, str) and e for e in episodes):
        raise InputError('the season file\'s "episodes" must be a list of file paths', path=str(path),
                         code="bad_season_file")
    return [_absolute(Path(folder), e) for e in episodes]


def add_listed(folder: str | Path, video: str | Path) -> bool:
    """List ``video`` in the season file of ``folder`` (created when absent). False when it is listed already.
    A damaged season file is refused (InputError), never overwritten."""
    folder, video = Path(folder).absolute(), Path(video).absolute()
    listed = read_listed(folder)
    if any(_same(video, p) for p in listed):
        return False
    entries = [_stored(folder, p) for p in listed] + [_stored(folder, video)]
    atomic_write_text(season_file(folder), json.dumps({"format": FORMAT, "episodes": entries}, ensure_ascii=False,
                                                      indent=1) + "\n", encoding="utf-8")
    return True


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def _index() -> Path:
    return paths.data_dir() / INDEX_FILE


def known_seasons() -> list[Path]:
    """The season folders this user added episodes to, most recent first (a damaged index reads as empty)."""
    try:
        data = json.loads(_index().read_text(encoding="utf-8"))
        return [Path(f) for f in data["folders"] if isinstance(f, str)]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("the list of season folders %s is unreadable (%s): starting a new one", _index(), exc)
        return []


def remember_season(folder: str | Path) -> None:
    folder = Path(folder).absolute()
    folders = [folder] + [f for f in known_seasons() if not _same(f, folder)]
    _index().parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(_index(), json.dumps({"format": FORMAT, "folders": [str(f) for f in folders[:MAX_KNOWN]]},
                                           ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def listing_season(video: str | Path) -> Path | None:
    """The most recently used known season folder whose season file lists ``video`` (None: none does)."""
    video = Path(video).absolute()
    for folder in known_seasons():
        try:
            if any(_same(video, p) for p in read_listed(folder)):
                return folder
        except InputError as exc:
            log.warning("season folder %s skipped: %s", folder, exc)
    return None
