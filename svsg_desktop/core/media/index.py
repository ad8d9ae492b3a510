"""Where a video's frames and keyframes are (from demuxing its packets, no decoding), and what decoding a set
of wanted times costs, counted in frames: a deterministic cost model for choosing how to grab frames.

* ``sequential``: every frame up to the last wanted time is decoded.
* ``seek``: decoding starts at the keyframe before the first wanted time and goes forward; whenever a keyframe
  lies between the frame last decoded and the next wanted time, and the skipped stretch is longer than a seek
  costs, the decoder jumps to that keyframe instead of decoding the gap.
"""

from __future__ import annotations

from dataclasses import dataclass
import logging

import numpy as np

log = logging.getLogger(__name__)

SEEK_FRAMES = 12   # one seek ≈ this many decoded frames (decoder flush, threads refilling, a full keyframe)


@dataclass(frozen=True)
class VideoIndex:
    frame_ms: np.ndarray   # sorted presentation times (ms) of the video packets
    key_ms: np.ndarray     # sorted presentation times (ms) of the keyframes

    @property
    def fps(self) -> float:
        span = float(self.frame_ms[-1] - self.frame_ms[0]) if len(self.frame_ms) > 1 else 0.0
        return (len(self.frame_ms) - 1) * 1000.0 / span if span > 0 else 0.0

    def key_at_or_before(self, t_ms: float) -> float | None:
        """The last keyframe at or before ``t_ms`` (None: none)."""
        i = int(np.searchsorted(self.key_ms, t_ms, side="right")) - 1
        return float(self.key_ms[i]) if i >= 0 else None

    def keys_within(self, lo_ms: float, hi_ms: float) -> np.ndarray:
        return self.key_ms[(self.key_ms >= lo_ms) & (self.key_ms <= hi_ms)]

    def frames_upto(self, t_ms: float) -> int:
        """Number of frames with a time ≤ ``t_ms``."""
        return int(np.searchsorted(self.frame_ms, t_ms, side="right"))

    def seek_to(self, pos_ms: float | None, want_ms: float) -> float | None:
        """Keyframe to jump to before decoding ``want_ms`` when the decoder last produced ``pos_ms`` (None:
        nothing decoded yet), or None to go on decoding from ``pos_ms``."""
        key = self.key_at_or_before(want_ms)
        if key is None:
            return None if pos_ms is not None else float(self.frame_ms[0]) if len(self.frame_ms) else 0.0
        if pos_ms is None:
            return key
        if key <= pos_ms or want_ms < pos_ms:
            return None
        skipped = self.frames_upto(key) - self.frames_upto(pos_ms)
        return key if skipped > SEEK_FRAMES else None

    def cost(self, method: str, wanted_ms: list[float]) -> int:
        """Frames decoded (plus ``SEEK_FRAMES`` per seek) to reach every time of sorted ``wanted_ms``."""
        if not wanted_ms:
            return 0
        if method == "sequential":
            return self.frames_upto(wanted_ms[-1])
        total, pos = 0, None
        for t in wanted_ms:
            if t < (pos or 0.0):
                continue
            key = self.seek_to(pos, t)
            start = self.frames_upto(pos) if key is None else self.frames_upto(key) - 1
            total += self.frames_upto(t) - start + (SEEK_FRAMES if key is not None else 0)
            pos = t
        return total


def video_index(container, stream) -> VideoIndex:
    """Demux the whole video stream (packets only: ~1-2 % of decoding it) and rewind."""
    import av

    times: list[float] = []
    keys: list[float] = []
    try:
        for pkt in container.demux(stream):
            if pkt.pts is None or pkt.size == 0:
                continue
            t = float(pkt.pts * pkt.time_base) * 1000.0
            times.append(t)
            if pkt.is_keyframe:
                keys.append(t)
    except av.FFmpegError as exc:   # a truncated or corrupt file: index what could be read
        log.info("packet index stops after %d packets: %s", len(times), exc)
    container.seek(0)
    return VideoIndex(np.sort(np.array(times, np.float64)), np.sort(np.array(keys, np.float64)))
