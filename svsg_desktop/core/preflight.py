"""Checks before and after a labeling job, so that a run that cannot produce anything useful says why instead of
ending with "0 groups": an empty, cut-short or audio-less media file, subtitles that all start after the video
ends, an absurd number of lines for the media length, and an empty result.

Media errors from FFmpeg (``[Errno 1094995529] Invalid data found…``) are translated here into plain words; the
FFmpeg text is kept in the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError, MediaError
from .lines import Line, format_ms

log = logging.getLogger(__name__)

#: More dialogue lines per minute of media than anybody speaks: a subtitle file of another (longer) video, or a
#: generated one. Real dialogue peaks around 30 lines a minute.
MAX_LINES_PER_MINUTE = 120
MIN_LINES_TO_WARN = 200


@dataclass(frozen=True)
class MediaInfo:
    duration_ms: int | None
    has_audio: bool


def probe_media(path: str | Path) -> MediaInfo:
    """Open a media file once: its length and whether it has sound. Raises :class:`MediaError` in plain words."""
    from .media.audio import open_container

    p = Path(path)
    if p.is_file() and p.stat().st_size == 0:
        raise MediaError("the file is empty (0 bytes): an interrupted download or copy?", path=str(p),
                         code="media_empty")
    try:
        container = open_container(p)
    except MediaError as exc:
        if exc.code != "media_unreadable":
            raise
        log.info("FFmpeg could not open %s: %s", p, exc)
        raise MediaError("cannot read this file as a video: it is damaged or cut short (an interrupted download "
                         "or copy?), or not a video at all", path=str(p), code="media_unreadable") from None
    try:
        has_audio = any(s.type == "audio" for s in container.streams)
        duration = int(container.duration // 1000) if container.duration else None   # PyAV: microseconds
    finally:
        container.close()
    return MediaInfo(duration, has_audio)


def check_episode(video: str | Path, info: MediaInfo, lines: Iterable[Line]) -> list[str]:
    """Refuse a job that cannot give anything (no audio; every dialogue line after the end of the video) and
    return warnings for a doubtful one (lines past the end, too many lines for the length)."""
    from .io.model import check_against_duration

    if not info.has_audio:
        raise MediaError("the video has no audio track: speakers are grouped by their voices, so there is "
                         "nothing to label", path=str(video), code="no_audio")
    dialogue = [ln for ln in lines if ln.is_dialogue]
    if info.duration_ms is None or not dialogue:
        return []
    if all(ln.start >= info.duration_ms for ln in dialogue):
        raise InputError(f"all {len(dialogue)} dialogue line(s) start after the video ends at "
                         f"{format_ms(info.duration_ms)} (first at {format_ms(min(ln.start for ln in dialogue))}): "
                         "wrong subtitles for this video?", path=str(video), code="cues_after_end")
    warnings = check_against_duration(dialogue, info.duration_ms)
    minutes = max(info.duration_ms / 60000, 1 / 60)
    if len(dialogue) >= MIN_LINES_TO_WARN and len(dialogue) / minutes > MAX_LINES_PER_MINUTE:
        warnings.append(f"{len(dialogue)} dialogue lines for {format_ms(info.duration_ms)} of media "
                        f"({len(dialogue) / minutes:.0f} a minute; speech rarely passes 30): wrong subtitle "
                        "file? This run will be slow and use a lot of memory")
    return warnings


def empty_result(project) -> str | None:
    """Why a labeled project holds nothing useful (``None`` when some line was grouped)."""
    dialogue = [ln for ln in project.ordered() if ln.is_dialogue]
    if not project.lines:
        return "no speech was found in the audio: nothing to label"
    if not dialogue:
        return f"all {len(project.lines)} line(s) are signs, songs or credits: no dialogue to label"
    if all(ln.cluster is None for ln in dialogue):
        return f"none of the {len(dialogue)} dialogue line(s) could be grouped (no usable audio or image?)"
    return None
