"""Writing the episode's mp4 with PyAV (its bundled FFmpeg): H.264 (libx264) video and AAC audio, interleaved.
No external ffmpeg binary is used."""

from __future__ import annotations

import logging
import os
import threading
from fractions import Fraction
from pathlib import Path
from typing import Callable

import av
import numpy as np

from ..progress import ProgressFn, check_cancel, no_progress

log = logging.getLogger(__name__)

AAC_FRAME = 1024


def encode_mp4(path: Path, frame_at: Callable[[int], np.ndarray], n_frames: int, audio: np.ndarray,
               sample_rate: int, *, fps: int, width: int, height: int, preset: str = "veryfast", crf: int = 26,
               gop: int = 250, scenecut: bool = True, audio_bitrate: int = 96_000, threads: int = 2,
               progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> None:
    """Encode ``n_frames`` frames (``frame_at(k)`` returns a yuv420p ``av.VideoFrame`` or an array of shape
    (h*3/2, w); the same frame object may be returned again) and the mono float32 ``audio`` into ``path``
    (written to a temporary name, then renamed)."""
    tmp = path.with_name(path.stem + ".part" + path.suffix)
    try:
        with av.open(str(tmp), mode="w", format="mp4") as out:
            vs = out.add_stream("libx264", rate=fps)
            vs.width, vs.height, vs.pix_fmt = width, height, "yuv420p"
            vs.codec_context.gop_size = gop
            vs.codec_context.time_base = Fraction(1, fps)
            vs.options = {"preset": preset, "crf": str(crf), "threads": str(threads),
                          "x264-params": f"keyint={gop}:min-keyint={min(gop, max(1, fps))}:scenecut={40 if scenecut else 0}"}
            aus = out.add_stream("aac", rate=sample_rate)
            aus.layout = "mono"
            aus.bit_rate = audio_bitrate
            audio_pos = 0
            audio = np.ascontiguousarray(audio, dtype=np.float32)

            def push_audio(until: int) -> None:
                nonlocal audio_pos
                while audio_pos < min(until, len(audio)):
                    chunk = audio[audio_pos:audio_pos + AAC_FRAME]
                    if len(chunk) < AAC_FRAME:
                        chunk = np.pad(chunk, (0, AAC_FRAME - len(chunk)))
                    af = av.AudioFrame.from_ndarray(chunk[None, :], format="fltp", layout="mono")
                    af.sample_rate = sample_rate
                    af.pts = audio_pos
                    af.time_base = Fraction(1, sample_rate)
                    for pkt in aus.encode(af):
                        out.mux(pkt)
                    audio_pos += AAC_FRAME

            for k in range(n_frames):
                if k % fps == 0:
                    check_cancel(cancel)
                    progress(k / n_frames, "encoding video")
                vf = frame_at(k)
                if isinstance(vf, np.ndarray):
                    vf = av.VideoFrame.from_ndarray(vf, format="yuv420p")
                vf.pts = k
                vf.time_base = Fraction(1, fps)
                for pkt in vs.encode(vf):
                    out.mux(pkt)
                push_audio(int((k + 1) * sample_rate / fps) + sample_rate // 2)
            push_audio(len(audio))
            for pkt in vs.encode(None):
                out.mux(pkt)
            for pkt in aus.encode(None):
                out.mux(pkt)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    progress(1.0, "encoding video")
