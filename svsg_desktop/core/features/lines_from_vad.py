"""``vad_lines``: lines for a video without subtitles — one per speech segment found by Silero VAD."""

from __future__ import annotations

import threading
from pathlib import Path

from ..errors import MediaError
from ..lines import Line, make_line_id
from ..media import decode_audio
from ..models.registry import Registry
from ..progress import ProgressFn, check_cancel, no_progress
from .vad import SileroVAD, speech_segments


def vad_lines(video: str | Path, *, max_line_s: float = 12.0, progress: ProgressFn = no_progress,
              cancel: threading.Event | None = None, registry: Registry | None = None) -> list[Line]:
    progress(0.0, "decoding audio")
    track = decode_audio(video)
    if len(track.samples) == 0:
        raise MediaError(f"cannot find speech: {track.problem}", path=str(video), code="media_no_audio")
    check_cancel(cancel)
    progress(0.4, "voice activity")
    sp = SileroVAD(registry).probs(track.samples)
    segs = speech_segments(sp, max_speech_s=max_line_s, total_s=track.duration)
    progress(1.0, "voice activity")
    return [Line(make_line_id(i), a, b, "", source_index=i) for i, (a, b) in enumerate(segs)]
