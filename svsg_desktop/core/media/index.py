"""Where a video's frames and keyframes are (from demuxing its packets, no decoding), which frames other frames are
predicted from, and what decoding a set of wanted times costs: a deterministic cost model for choosing how to grab
frames.

The cost is counted in decoded frames. Frames that no other frame is predicted from (non-reference frames: most
B-frames of a release encode) are skipped by the decoder when they are not wanted (``skip_frame=NONREF``), which
costs almost nothing, so mainly reference frames count (``ref``, read from each packet's NAL unit header for H.264
and HEVC; every frame of another codec counts as a reference frame). The few wanted non-reference frames (a
line's own frames) are left out of the model: they are the same whatever the strategy.

* ``sequential``: every reference frame up to the last wanted time is decoded.
* ``seek``: decoding starts at the keyframe before the first wanted time and goes forward; whenever a keyframe
  lies between the frame last decoded and the next wanted time, and the skipped stretch costs more than a seek,
  the decoder jumps to that keyframe instead of decoding the gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import logging

import numpy as np

log = logging.getLogger(__name__)

SEEK_FRAMES = 12   # one seek ≈ this many decoded frames (decoder flush, threads refilling, a full keyframe)
SKIPPED_COST = 0.01   # a non-reference frame the decoder skips, relative to a decoded reference frame (slice
# header only; measured 0.006 on the x264 veryfast 720p re-encode of the demo episode: 4.6 µs against 0.75 ms)
_H264_NONREF_OK = (1, 5)   # VCL NAL unit types whose nal_ref_idc tells whether the picture is a reference
_HEVC_NONREF = frozenset({0, 2, 4, 6, 8, 10, 12, 14})   # TRAIL_N, TSA_N, STSA_N, RADL_N, RASL_N, RSV_VCL_N1x


@dataclass(frozen=True)
class VideoIndex:
    frame_ms: np.ndarray   # sorted presentation times (ms) of the video packets
    key_ms: np.ndarray     # sorted presentation times (ms) of the keyframes
    ref: np.ndarray | None = None   # per frame of ``frame_ms``: True when other frames are predicted from it
    _work: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ref = np.ones(len(self.frame_ms), bool) if self.ref is None else np.asarray(self.ref, bool)
        if len(ref) != len(self.frame_ms):
            raise ValueError("one reference flag per frame is needed")
        object.__setattr__(self, "_work", np.concatenate([[0.0], np.cumsum(np.where(ref, 1.0, SKIPPED_COST))]))

    @property
    def fps(self) -> float:
        span = float(self.frame_ms[-1] - self.frame_ms[0]) if len(self.frame_ms) > 1 else 0.0
        return (len(self.frame_ms) - 1) * 1000.0 / span if span > 0 else 0.0

    @property
    def nonref_count(self) -> int:
        return 0 if self.ref is None else int(len(self.ref) - np.count_nonzero(self.ref))

    def key_at_or_before(self, t_ms: float) -> float | None:
        """The last keyframe at or before ``t_ms`` (None: none)."""
        i = int(np.searchsorted(self.key_ms, t_ms, side="right")) - 1
        return float(self.key_ms[i]) if i >= 0 else None

    def keys_within(self, lo_ms: float, hi_ms: float) -> np.ndarray:
        return self.key_ms[(self.key_ms >= lo_ms) & (self.key_ms <= hi_ms)]

    def frames_upto(self, t_ms: float) -> int:
        """Number of frames with a time ≤ ``t_ms``."""
        return int(np.searchsorted(self.frame_ms, t_ms, side="right"))

    def work_upto(self, t_ms: float) -> float:
        """Decoding work of the frames with a time ≤ ``t_ms`` (a reference frame 1, a skipped one
        ``SKIPPED_COST``)."""
        return float(self._work[self.frames_upto(t_ms)])

    def ref_within(self, lo_ms: float, hi_ms: float) -> np.ndarray:
        """Times of the reference frames in [lo_ms, hi_ms] (the frames a NONREF-skipping decoder gives)."""
        a, b = np.searchsorted(self.frame_ms, lo_ms, side="left"), np.searchsorted(self.frame_ms, hi_ms, side="right")
        t = self.frame_ms[a:b]
        return t if self.ref is None else t[np.asarray(self.ref[a:b], bool)]

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
        skipped = self.work_upto(key) - self.work_upto(pos_ms)
        return key if skipped > SEEK_FRAMES else None

    def cost(self, method: str, wanted_ms: list[float]) -> float:
        """Decoding work (plus ``SEEK_FRAMES`` per seek) to reach every time of sorted ``wanted_ms``."""
        if not wanted_ms:
            return 0.0
        if method == "sequential":
            return self.work_upto(wanted_ms[-1])
        total, pos = 0.0, None
        for t in wanted_ms:
            if t < (pos or 0.0):
                continue
            key = self.seek_to(pos, t)
            if key is None:
                start = self.work_upto(pos) if pos is not None else 0.0
            else:
                start = float(self._work[max(self.frames_upto(key) - 1, 0)])
            total += self.work_upto(t) - start + (SEEK_FRAMES if key is not None else 0)
            pos = t
        return total


def _nal_units(data: memoryview, length_size: int):
    """The NAL units' first bytes of one packet: length-prefixed (mp4/mkv) or with Annex B start codes (ts)."""
    n = len(data)
    if length_size:
        i = 0
        while i + length_size < n:
            size = int.from_bytes(data[i:i + length_size], "big")
            if size <= 0:
                return
            yield data[i + length_size:i + length_size + 2]
            i += length_size + size
        return
    raw = bytes(data[:4096])   # start codes: the picture's first slice follows the few parameter/SEI units
    i = raw.find(b"\x00\x00\x01")
    while 0 <= i < len(raw) - 3:
        yield memoryview(raw)[i + 3:i + 5]
        i = raw.find(b"\x00\x00\x01", i + 3)


def _length_size(codec: str, extradata: bytes | None) -> int:
    """Bytes of the NAL length prefix from avcC/hvcC extradata (0: Annex B start codes)."""
    if not extradata or extradata[0] != 1:
        return 0
    if codec == "h264" and len(extradata) > 4:
        return (extradata[4] & 3) + 1
    if codec == "hevc" and len(extradata) > 21:
        return (extradata[21] & 3) + 1
    return 0


def is_reference(codec: str, data: memoryview, length_size: int) -> bool:
    """Whether the packet's picture may be predicted from (unknown codecs and unparsable packets: True)."""
    try:
        for head in _nal_units(data, length_size):
            if not len(head):
                continue
            b = head[0]
            if codec == "h264":
                if (b & 0x1F) in _H264_NONREF_OK:
                    return (b >> 5) & 3 != 0
            elif codec == "hevc":
                t = (b >> 1) & 0x3F
                if t < 32:   # the first slice of the picture
                    return t not in _HEVC_NONREF
            else:
                return True
    except (ValueError, IndexError):
        pass
    return True


def video_index(container, stream) -> VideoIndex:
    """Demux the whole video stream (packets only: ~1-2 % of decoding it) and rewind."""
    import av

    codec = stream.codec_context.name
    length_size = _length_size(codec, stream.codec_context.extradata)
    parse = codec in ("h264", "hevc")
    times: list[float] = []
    keys: list[float] = []
    refs: list[bool] = []
    try:
        for pkt in container.demux(stream):
            if pkt.pts is None or pkt.size == 0:
                continue
            t = float(pkt.pts * pkt.time_base) * 1000.0
            times.append(t)
            refs.append(pkt.is_keyframe or not parse or is_reference(codec, memoryview(pkt), length_size))
            if pkt.is_keyframe:
                keys.append(t)
    except av.FFmpegError as exc:   # a truncated or corrupt file: index what could be read
        log.info("packet index stops after %d packets: %s", len(times), exc)
    container.seek(0)
    order = np.argsort(np.array(times, np.float64), kind="stable")
    return VideoIndex(np.array(times, np.float64)[order], np.sort(np.array(keys, np.float64)),
                      np.array(refs, bool)[order] if parse else None)
