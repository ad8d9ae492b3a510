"""Grab one frame per target time, at reduced resolution, with as little decoding as possible.

Two strategies, chosen by a cost model (``method="auto"``):

* ``sequential``: one pass over the video stream with decoder threads, skipping non-reference frames and the
  loop filter (the nearest *reference* frame is never more than a few frames from the wanted time); only the
  chosen frames are converted to RGB. Cost ≈ the number of frames in the file.
* ``seek``: per target, seek to the keyframe before it and decode forward. Cost ≈ targets × (keyframe interval / 2).

``auto`` estimates the keyframe interval from the first two minutes of packets (demux only, no decoding) and picks
the cheaper one: dense subtitles over long-GOP encodes → sequential; a few lines in a long film → seek.
A target whose window has no decodable frame (past the end, truncated file, no video) gets a reason instead.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..progress import ProgressFn, check_cancel, no_progress
from .audio import open_container

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FrameTarget:
    t_ms: int      # wanted time
    lo_ms: int     # earliest acceptable frame time
    hi_ms: int     # latest acceptable frame time
    max_side: int | None = None   # this target's output size (default: the call's ``max_side``)


@dataclass
class FrameGrab:
    frames: dict[int, np.ndarray] = field(default_factory=dict)   # target index → HxWx3 uint8 RGB
    problems: dict[int, str] = field(default_factory=dict)
    method: str = ""
    problem: str = ""   # whole-stream problem (no video, decoding stopped)
    decoded: int = 0    # frames decoded (for benchmarks)


def _out_size(w: int, h: int, max_side: int) -> tuple[int, int]:
    s = min(1.0, max_side / max(w, h))
    return max(2, int(round(w * s / 2)) * 2), max(2, int(round(h * s / 2)) * 2)


def probe_gop(container, stream, horizon_s: float = 120.0) -> tuple[float, float]:
    """(mean keyframe interval s, frame rate) from demuxing the first ``horizon_s`` seconds."""
    keys: list[float] = []
    n = 0
    last = 0.0
    for pkt in container.demux(stream):
        if pkt.pts is None or pkt.size == 0:
            continue
        t = float(pkt.pts * pkt.time_base)
        n += 1
        last = max(last, t)
        if pkt.is_keyframe:
            keys.append(t)
        if t > horizon_s:
            break
    container.seek(0)
    fps = n / last if last > 0 else float(stream.average_rate or 25)
    if len(keys) >= 2:
        gop = (keys[-1] - keys[0]) / (len(keys) - 1)
    else:
        gop = max(last, 1.0)   # one keyframe in the horizon: at least that long
    return gop, fps


def _configure(stream, fast: bool) -> None:
    stream.thread_type = "AUTO"
    if fast:
        cc = stream.codec_context
        try:
            cc.options = {"skip_loop_filter": "all"}
            cc.skip_frame = "NONREF"
        except Exception as exc:  # noqa: BLE001 - an option a codec does not know
            log.debug("decoder skip options not applied: %s", exc)


class _Picker:
    """Assign decoded frames to sorted targets: for each target the frame nearest to ``t`` inside its window."""

    def __init__(self, targets: list[FrameTarget], order: list[int], size, grab: FrameGrab) -> None:
        self.targets, self.order, self.size, self.grab = targets, order, size, grab
        self.k = 0
        self.prev = None
        self.prev_t = None

    def _take(self, idx: int, frame) -> None:
        side = self.targets[idx].max_side
        w, h = self.size if side is None else _out_size(frame.width, frame.height, side)
        self.grab.frames[idx] = to_rgb(frame, w, h)

    def offer(self, frame, t_ms: float) -> None:
        while self.k < len(self.order):
            idx = self.order[self.k]
            tg = self.targets[idx]
            if t_ms < tg.t_ms:
                break
            cands = []
            if self.prev is not None and tg.lo_ms <= self.prev_t <= tg.hi_ms:
                cands.append((tg.t_ms - self.prev_t, self.prev))
            if tg.lo_ms <= t_ms <= tg.hi_ms:
                cands.append((t_ms - tg.t_ms, frame))
            if cands:
                self._take(idx, min(cands, key=lambda c: c[0])[1])
            else:
                self.grab.problems[idx] = "no decodable frame inside the line"
            self.k += 1
        self.prev, self.prev_t = frame, t_ms

    def finish(self, why_end: str) -> None:
        while self.k < len(self.order):
            idx = self.order[self.k]
            tg = self.targets[idx]
            if self.prev is not None and tg.lo_ms <= self.prev_t <= tg.hi_ms:
                self._take(idx, self.prev)
            else:
                self.grab.problems[idx] = why_end
            self.k += 1


def _plane(frame, i: int, w: int, h: int) -> np.ndarray:
    p = frame.planes[i]
    return np.frombuffer(p, np.uint8).reshape(h, p.line_size)[:, :w]


def to_rgb(frame, w: int, h: int) -> np.ndarray:
    """RGB at about (w, h). 4:2:0 frames whose size is an integer multiple of it are subsampled from the planes
    and converted with BT.601 in numpy (~10× cheaper than a scaling context per frame, which dominated the frame
    stage for small analysis frames); anything else goes through swscale."""
    fw, fh = frame.width, frame.height
    s = fw // w if w else 0
    if (frame.format.name in ("yuv420p", "yuvj420p") and s >= 4 and s % 2 == 0 and fw == s * w
            and fh // s == h and fh % 2 == 0):
        y = _plane(frame, 0, fw, fh)[::s, ::s][:h, :w].astype(np.float32)
        c = s // 2
        u = _plane(frame, 1, fw // 2, fh // 2)[::c, ::c][:h, :w].astype(np.float32) - 128
        v = _plane(frame, 2, fw // 2, fh // 2)[::c, ::c][:h, :w].astype(np.float32) - 128
        if frame.format.name == "yuv420p":
            y = (y - 16) * 1.164
            r, g, b = y + 1.596 * v, y - 0.392 * u - 0.813 * v, y + 2.017 * u
        else:
            r, g, b = y + 1.402 * v, y - 0.344 * u - 0.714 * v, y + 1.772 * u
        return np.clip(np.stack([r, g, b], axis=-1), 0, 255).astype(np.uint8)
    return frame.to_ndarray(format="rgb24", width=w, height=h, interpolation="BILINEAR")


def _frame_ms(frame, stream) -> float | None:
    if frame.pts is None:
        return None
    return float(frame.pts * stream.time_base) * 1000.0


def grab_frames(path: str | Path, targets: list[FrameTarget], *, max_side: int = 640, method: str = "auto",
                progress: ProgressFn = no_progress, cancel: threading.Event | None = None) -> FrameGrab:
    grab = FrameGrab()
    container = open_container(path)
    try:
        if not container.streams.video:
            grab.problem = "the file has no video stream"
            grab.problems = {i: grab.problem for i in range(len(targets))}
            return grab
        stream = container.streams.video[0]
        size = _out_size(stream.codec_context.width or 640, stream.codec_context.height or 360, max_side)
        order = sorted(range(len(targets)), key=lambda i: targets[i].t_ms)
        if method == "auto":
            gop, fps = probe_gop(container, stream)
            dur = float(container.duration) / 1e6 if container.duration else (targets[order[-1]].t_ms / 1000
                                                                              if targets else 0)
            seq_cost = dur * fps * 0.6
            seek_cost = len(targets) * (gop * fps / 2 + 10)
            method = "seek" if seek_cost < seq_cost else "sequential"
            log.info("frames: keyframe interval %.1f s, %.0f fps → %s", gop, fps, method)
        grab.method = method
        if method == "sequential":
            _sequential(container, stream, targets, order, size, grab, progress, cancel)
        elif method == "seek":
            _seek(container, stream, targets, order, size, grab, progress, cancel)
        else:
            raise ValueError(f"unknown frame method {method!r}")
        return grab
    finally:
        container.close()


def _sequential(container, stream, targets, order, size, grab, progress, cancel) -> None:
    _configure(stream, fast=True)
    picker = _Picker(targets, order, size, grab)
    end_ms = max((targets[i].hi_ms for i in order), default=0)
    why = "past the end of the video"
    try:
        for frame in container.decode(stream):
            grab.decoded += 1
            t = _frame_ms(frame, stream)
            if t is None:
                continue
            picker.offer(frame, t)
            if grab.decoded % 500 == 0:
                check_cancel(cancel)
                progress(min(1.0, t / max(end_ms, 1)), "frames")
            if picker.k >= len(order):
                break
    except Exception as exc:  # noqa: BLE001 - truncated/corrupt stream: keep what was decoded
        from ..errors import Cancelled

        if isinstance(exc, Cancelled):
            raise
        why = f"video decoding stopped at {(picker.prev_t or 0) / 1000:.1f} s: {exc}"
        grab.problem = why
        log.warning("%s", why)
    picker.finish(why)


def _seek(container, stream, targets, order, size, grab, progress, cancel) -> None:
    _configure(stream, fast=False)
    tb = stream.time_base
    for n, idx in enumerate(order):
        check_cancel(cancel)
        tg = targets[idx]
        one = _Picker(targets, [idx], size, grab)
        why = "past the end of the video"
        try:
            container.seek(int(max(0, tg.t_ms) / 1000 / tb), stream=stream, backward=True, any_frame=False)
            for frame in container.decode(stream):
                grab.decoded += 1
                t = _frame_ms(frame, stream)
                if t is None:
                    continue
                one.offer(frame, t)
                if one.k >= 1:
                    break
        except Exception as exc:  # noqa: BLE001
            why = f"video decoding failed near {tg.t_ms / 1000:.1f} s: {exc}"
        one.finish(why)
        progress((n + 1) / len(order), "frames")
