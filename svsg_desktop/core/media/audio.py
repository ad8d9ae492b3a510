"""Decode a file's audio once to 16 kHz mono float32 and slice it per line.

Robustness: a file that cannot be opened at all raises :class:`MediaError` (with the path); no audio stream, or a
stream that breaks off part-way (truncated/corrupt file), gives an :class:`AudioTrack` whose ``problem`` says so —
lines inside the decoded part still get their clip, the others are reported per line by :meth:`AudioTrack.clip`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import MediaError

log = logging.getLogger(__name__)
SAMPLE_RATE = 16000


def open_container(path: str | Path):
    import av

    p = Path(path)
    if not p.is_file():
        raise MediaError("no such file", path=str(p), code="media_missing")
    try:
        return av.open(str(p), metadata_errors="ignore")
    except Exception as exc:  # av raises many subclasses (InvalidDataError, FFmpegError…)
        raise MediaError(f"cannot open as video/audio: {exc}", path=str(p), code="media_unreadable") from None


@dataclass
class AudioTrack:
    samples: np.ndarray          # float32 mono
    sample_rate: int = SAMPLE_RATE
    problem: str = ""            # why the track is missing or incomplete ("" = complete)
    container_duration: float = 0.0

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    def clip(self, start_ms: int, end_ms: int) -> tuple[np.ndarray | None, str]:
        """``(clip, problem)``: the samples of a span; ``None`` with a reason when nothing usable is there.
        A span running past the decoded audio is cut to what exists (and says so)."""
        if len(self.samples) == 0:
            return None, self.problem or "no audio"
        sr = self.sample_rate
        a = max(0, int(round(start_ms * sr / 1000)))
        b = int(round(end_ms * sr / 1000))
        if b <= a:
            return None, "empty span"
        if a >= len(self.samples):
            why = "past the end of the decoded audio"
            return None, f"{why} ({self.problem})" if self.problem else why
        clip = self.samples[a:min(b, len(self.samples))]
        note = "cut at the end of the audio" if b > len(self.samples) else ""
        return clip, note


def decode_audio(path: str | Path, *, sample_rate: int = SAMPLE_RATE) -> AudioTrack:
    """The whole audio track as one float32 mono array (decoded once, resampled by FFmpeg's swresample)."""
    import av

    container = open_container(path)
    try:
        dur = float(container.duration) / 1e6 if container.duration else 0.0
        if not container.streams.audio:
            return AudioTrack(np.zeros(0, np.float32), sample_rate, "the file has no audio stream", dur)
        stream = container.streams.audio[0]
        if stream.codec_context is None:  # no decoder for this codec in PyAV's FFmpeg (decoding it would crash)
            return AudioTrack(np.zeros(0, np.float32), sample_rate,
                              "the file's audio codec cannot be decoded (no decoder for it in this FFmpeg)", dur)
        stream.thread_type = "AUTO"
        resampler = av.AudioResampler(format="flt", layout="mono", rate=sample_rate)
        fifo = av.AudioFifo()   # resample ~10 s blocks: per-call overhead on 1024-sample AAC frames doubled the cost
        chunks: list[np.ndarray] = []
        problem = ""

        def drain(frame) -> None:
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))

        try:
            block = None
            for frame in container.decode(stream):
                frame.pts = None   # ignore gaps/jitter in timestamps: the samples are what counts
                fifo.write(frame)
                block = block or frame.sample_rate * 10
                if fifo.samples >= block:
                    drain(fifo.read(block))
        except Exception as exc:  # a truncated or corrupt stream: keep what was decoded
            problem = f"audio decoding stopped: {exc}"
        try:
            rest = fifo.read()
            if rest is not None:
                drain(rest)
            drain(None)
        except Exception as exc:  # noqa: BLE001
            problem = problem or f"audio decoding stopped: {exc}"
        if problem:
            got = sum(len(c) for c in chunks) / sample_rate
            problem = problem.replace("stopped:", f"stopped at {got:.1f} s:")
            log.warning("%s: %s", path, problem)
        samples = np.concatenate(chunks).astype(np.float32, copy=False) if chunks else np.zeros(0, np.float32)
        if len(samples) == 0 and not problem:
            problem = "the audio stream holds no decodable audio"
        return AudioTrack(samples, sample_rate, problem, dur)
    finally:
        container.close()
