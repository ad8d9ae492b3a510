"""Grab one frame per target time, at reduced resolution, with as little decoding as possible.

Each target gets the frame nearest its time inside its window, decoded exactly as a full decode gives it. Frames
that nothing is predicted from (non-reference frames: most B-frames of a release encode) are skipped unless they
are a target's own frame (with an index that knows them, see ``index.py``). Two strategies, chosen per file by a
cost model over the demuxed packet index (``method="auto"``; deterministic: the same file and targets always give
the same choice):

* ``sequential``: one pass over the video stream with decoder threads; only the chosen frames are converted to
  RGB. Cost ≈ the reference frames up to the last target.
* ``seek``: decode forward from the keyframe before the first target; between targets, jump to the keyframe
  before the next one whenever that skips more work than a seek costs (dialogue lines with gaps and shot-cut
  keyframes between them: most of the file is never decoded).

A target whose window has no decodable frame (past the end, truncated file, no video) gets a reason instead.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..progress import ProgressFn, check_cancel, no_progress
from .audio import open_container
from .index import VideoIndex, video_index

log = logging.getLogger(__name__)
SPLIT_MIN = 50   # targets per half below which one decoder (with frame threads) does all the jumps
# AVDiscard class of frames decoded without the loop filter; empty: none. Skipping it on reference frames drifts
# every later frame of the GOP: on the HEVC re-encode of the demo episode the image speaker 1-NN fell 0.659 →
# 0.622 (PSNR 54/47 dB) for 10 % less CPU, so the frames given are decoded exactly (docs/models.md "Frames").
SKIP_LOOP_FILTER = ""
SKIP_NONREF = True   # False: every frame is decoded (the benchmarks' exact reference)
# Which frames a given list of targets gets. Part of the image feature cache's key: bump it whenever the frames
# given for the same file and targets change (2: each target's own frame, exactly as a full decode gives it —
# non-reference frames skipped unless wanted, the loop filter kept; the seek plan counts reference frames).
PLAN_VERSION = 2


@dataclass(frozen=True)
class FrameTarget:
    t_ms: int      # wanted time
    lo_ms: int     # earliest acceptable frame time
    hi_ms: int     # latest acceptable frame time
    max_side: int | None = None   # this target's output size (default: the call's ``max_side``)


@dataclass
class FrameGrab:
    frames: dict[int, np.ndarray] = field(default_factory=dict)   # target index → HxWx3 uint8 RGB
    times: dict[int, float] = field(default_factory=dict)         # target index → time (ms) of the frame given
    problems: dict[int, str] = field(default_factory=dict)
    method: str = ""
    problem: str = ""   # whole-stream problem (no video, decoding stopped)
    decoded: int = 0    # frames decoded (for benchmarks)


def _out_size(w: int, h: int, max_side: int) -> tuple[int, int]:
    s = min(1.0, max_side / max(w, h))
    return max(2, int(round(w * s / 2)) * 2), max(2, int(round(h * s / 2)) * 2)


def _configure(stream, threads: str = "AUTO", loop_filter: str = "") -> None:
    """Decoder threads, and the loop filter skipped on ``loop_filter`` frames (an FFmpeg AVDiscard name; empty: as
    the file says). Which frames are decoded at all is set per packet (``_decoded``)."""
    stream.thread_type = threads
    if loop_filter:
        try:
            stream.codec_context.options = {"skip_loop_filter": loop_filter}
        except Exception as exc:  # noqa: BLE001 - an option a codec does not know
            log.debug("decoder skip options not applied: %s", exc)


def _decoded(container, stream, force: frozenset[int]):
    """The stream's frames from where the container stands, in presentation order. Non-reference frames (nothing
    is predicted from them) are skipped by the decoder unless their packet's pts is in ``force`` (a wanted
    frame): the skip is set per packet, before the packet is sent."""
    cc = stream.codec_context
    mode = ""
    for pkt in container.demux(stream):
        want = "DEFAULT" if not SKIP_NONREF or (force and pkt.pts in force) else "NONREF"
        if want != mode:
            try:
                cc.skip_frame = want
            except Exception as exc:  # noqa: BLE001 - a decoder without the setting decodes everything
                log.debug("skip_frame not applied: %s", exc)
            mode = want
        yield from pkt.decode()


class _Picker:
    """Assign decoded frames to sorted targets: for each target the frame nearest to ``t`` inside its window."""

    def __init__(self, targets: list[FrameTarget], order: list[int], size, grab: FrameGrab) -> None:
        self.targets, self.order, self.size, self.grab = targets, order, size, grab
        self.k = 0
        self.prev = None
        self.prev_t = None
        self.scaler = None   # one swscale context for all of this decoder's frames (not one per frame)

    def _take(self, idx: int, frame, t_ms: float) -> None:
        side = self.targets[idx].max_side
        w, h = self.size if side is None else _out_size(frame.width, frame.height, side)
        if self.scaler is None:
            from av.video.reformatter import VideoReformatter

            self.scaler = VideoReformatter()
        self.grab.frames[idx] = to_rgb(frame, w, h, self.scaler)
        self.grab.times[idx] = t_ms

    def offer(self, frame, t_ms: float) -> None:
        while self.k < len(self.order):
            idx = self.order[self.k]
            tg = self.targets[idx]
            if t_ms < tg.t_ms:
                break
            cands = []
            if self.prev is not None and tg.lo_ms <= self.prev_t <= tg.hi_ms:
                cands.append((tg.t_ms - self.prev_t, self.prev, self.prev_t))
            if tg.lo_ms <= t_ms <= tg.hi_ms:
                cands.append((t_ms - tg.t_ms, frame, t_ms))
            if cands:
                self._take(idx, *min(cands, key=lambda c: c[0])[1:])
            else:
                self.grab.problems[idx] = "no decodable frame inside the line"
            self.k += 1
        self.prev, self.prev_t = frame, t_ms

    def fail_next(self, why: str) -> None:
        self.grab.problems[self.order[self.k]] = why
        self.k += 1

    def finish(self, why_end: str) -> None:
        while self.k < len(self.order):
            idx = self.order[self.k]
            tg = self.targets[idx]
            if self.prev is not None and tg.lo_ms <= self.prev_t <= tg.hi_ms:
                self._take(idx, self.prev, self.prev_t)
            else:
                self.grab.problems[idx] = why_end
            self.k += 1


def _plane(frame, i: int, w: int, h: int) -> np.ndarray:
    p = frame.planes[i]
    return np.frombuffer(p, np.uint8).reshape(h, p.line_size)[:, :w]


def to_rgb(frame, w: int, h: int, scaler=None) -> np.ndarray:
    """RGB at about (w, h). 4:2:0 frames whose size is an integer multiple of it are subsampled from the planes
    and converted with BT.601 in numpy (~10× cheaper than a scaling context per frame, which dominated the frame
    stage for small analysis frames); anything else goes through swscale (``scaler``: a ``VideoReformatter`` kept
    across frames, whose cached context saves a third of the conversion; the same pixels)."""
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
    if scaler is not None:
        return scaler.reformat(frame, width=w, height=h, format="rgb24", interpolation="BILINEAR").to_ndarray()
    return frame.to_ndarray(format="rgb24", width=w, height=h, interpolation="BILINEAR")


def _frame_ms(frame, tb: float) -> float | None:
    """Presentation time in ms (``tb``: the stream's time base as a float; Fractions cost ~5 µs a frame)."""
    return None if frame.pts is None else frame.pts * tb


def grab_frames(path: str | Path, targets: list[FrameTarget], *, max_side: int = 640, method: str = "auto",
                progress: ProgressFn = no_progress, cancel: threading.Event | None = None,
                index: VideoIndex | None = None) -> FrameGrab:
    """``index``: the file's packet index when the caller already has it (else demuxed here when needed)."""
    if method not in ("auto", "sequential", "seek"):
        raise ValueError(f"unknown frame method {method!r}")
    grab = FrameGrab()
    container = open_container(path)
    try:
        if not container.streams.video:
            grab.problem = "the file has no video stream"
            grab.problems = {i: grab.problem for i in range(len(targets))}
            return grab
        stream = container.streams.video[0]
        if stream.codec_context is None:  # PyAV opens no decoder for a codec its FFmpeg cannot decode
            grab.problem = "the file's video codec cannot be decoded (no decoder for it in this FFmpeg)"
            grab.problems = {i: grab.problem for i in range(len(targets))}
            return grab
        size = _out_size(stream.codec_context.width or 640, stream.codec_context.height or 360, max_side)
        order = sorted(range(len(targets)), key=lambda i: (targets[i].t_ms, i))
        if method == "auto" or (method == "seek" and index is None):
            index = index or video_index(container, stream)
        if method == "auto":
            method = choose_method(index, [targets[i].t_ms for i in order])
        grab.method = method
        force = _forced(index, targets, stream.time_base)
        if method == "sequential":
            _sequential(container, stream, targets, order, size, grab, progress, cancel, force)
        else:
            _seek_split(path, container, stream, targets, order, size, grab, index, progress, cancel, force)
        return grab
    finally:
        container.close()


def _forced(index: VideoIndex | None, targets: list[FrameTarget], time_base) -> frozenset[int]:
    """pts of the non-reference frames to decode anyway: each target's own frame (the one nearest its time inside
    its window), so that the frames given are exactly those of a full decode; all the other non-reference frames
    are skipped. Without an index, or with an unknown codec, none (every frame counts as a reference)."""
    if index is None or index.ref is None or not len(index.frame_ms):
        return frozenset()
    tb_ms = float(time_base) * 1000.0
    out = set()
    for tg in targets:
        a = int(np.searchsorted(index.frame_ms, tg.lo_ms, side="left"))
        b = int(np.searchsorted(index.frame_ms, tg.hi_ms, side="right"))
        if b > a:
            k = a + int(np.argmin(np.abs(index.frame_ms[a:b] - tg.t_ms)))
            if not index.ref[k]:
                out.add(int(round(index.frame_ms[k] / tb_ms)))
    return frozenset(out)


def read_index(path: str | Path) -> VideoIndex | None:
    """The packet index of the file's first video stream (None: no video stream, or one whose codec this FFmpeg
    cannot decode — PyAV then opens no decoder and ``grab_frames`` gives each line the reason)."""
    container = open_container(path)
    try:
        video = container.streams.video
        if not video or video[0].codec_context is None:
            return None
        return video_index(container, video[0])
    finally:
        container.close()


def choose_method(index: VideoIndex, wanted_ms: list[float]) -> str:
    """The cheaper strategy by the index's frame counts (seek wins ties: it never decodes more)."""
    if not len(index.frame_ms):
        return "sequential"   # no packets indexed: one pass finds out what can be decoded
    seq, seek = index.cost("sequential", wanted_ms), index.cost("seek", wanted_ms)
    method = "seek" if seek <= seq else "sequential"
    log.info("frames: %d frames, %d keyframes; decoding cost sequential %d, seek %d → %s", len(index.frame_ms),
             len(index.key_ms), seq, seek, method)
    return method


def _decode_failed(exc: Exception, at_ms: float | None) -> str:
    from ..errors import Cancelled

    if isinstance(exc, Cancelled):
        raise exc
    return f"video decoding stopped at {(at_ms or 0) / 1000:.1f} s: {exc}"


def _sequential(container, stream, targets, order, size, grab, progress, cancel, force=frozenset()) -> None:
    _configure(stream, loop_filter=SKIP_LOOP_FILTER)
    picker = _Picker(targets, order, size, grab)
    tb_ms = float(stream.time_base) * 1000.0
    end_ms = max((targets[i].hi_ms for i in order), default=0)
    why = "past the end of the video"
    check_cancel(cancel)
    progress(0.0, "frames")
    try:
        for frame in _decoded(container, stream, force):
            grab.decoded += 1
            check_cancel(cancel)
            t = _frame_ms(frame, tb_ms)
            if t is None:
                continue
            picker.offer(frame, t)
            if grab.decoded % 200 == 0:
                progress(min(1.0, t / max(end_ms, 1)), "frames")
            if picker.k >= len(order):
                break
    except Exception as exc:  # noqa: BLE001 - truncated/corrupt stream: keep what was decoded
        why = grab.problem = _decode_failed(exc, picker.prev_t)
        log.warning("%s", why)
    picker.finish(why)


def _halves(index: VideoIndex, targets, order: list[int]) -> list[list[int]]:
    """Split the sorted targets in two where the seek plan jumps anyway, nearest the middle (deterministic)."""
    times = [targets[i].t_ms for i in order]
    cuts = [k for k in range(1, len(order)) if index.seek_to(times[k - 1], times[k]) is not None]
    if len(order) < 2 * SPLIT_MIN or not cuts:
        return [order]
    k = min(cuts, key=lambda c: (abs(2 * c - len(order)), c))
    return [order[:k], order[k:]] if SPLIT_MIN <= k <= len(order) - SPLIT_MIN else [order]


def _seek_split(path, container, stream, targets, order, size, grab, index, progress, cancel,
                force=frozenset()) -> None:
    """The jumps of each half of the file run in their own single-threaded decoder, side by side: one thread per
    decoder costs ~15 % less CPU than frame threads, which stall and refill at every jump."""
    parts = _halves(index, targets, order)
    if len(parts) == 1:
        _seek(container, stream, targets, order, size, grab, index, progress, cancel, force)
        return

    def work(part: list[int], report: ProgressFn) -> FrameGrab:
        sub = FrameGrab()
        own = open_container(path)
        try:
            _seek(own, own.streams.video[0], targets, part, size, sub, index, report, cancel, force, threads="NONE")
        finally:
            own.close()
        return sub

    with ThreadPoolExecutor(len(parts), thread_name_prefix="svsg-frames") as pool:
        futures = [pool.submit(work, part, progress if n == 0 else no_progress) for n, part in enumerate(parts)]
        subs = [f.result() for f in futures]
    for sub in subs:
        grab.frames.update(sub.frames)
        grab.times.update(sub.times)
        grab.problems.update(sub.problems)
        grab.decoded += sub.decoded
        grab.problem = grab.problem or sub.problem


def _seek(container, stream, targets, order, size, grab, index: VideoIndex, progress, cancel,
          force=frozenset(), threads: str = "AUTO") -> None:
    """Runs of forward decoding, each from a keyframe; a run ends where jumping ahead is cheaper (see index)."""
    _configure(stream, threads=threads, loop_filter=SKIP_LOOP_FILTER)
    picker = _Picker(targets, order, size, grab)
    tb = stream.time_base
    tb_ms = float(tb) * 1000.0
    while picker.k < len(order):
        check_cancel(cancel)
        progress(picker.k / len(order), "frames")
        first = picker.k
        want = targets[order[first]].t_ms
        key = index.seek_to(None, want)
        why = "past the end of the video"
        picker.prev = picker.prev_t = None   # the frame before a jump is not the one before the target
        try:
            container.seek(int(round(key / 1000 / tb)), stream=stream, backward=True, any_frame=False)
            for frame in _decoded(container, stream, force):
                grab.decoded += 1
                check_cancel(cancel)
                t = _frame_ms(frame, tb_ms)
                if t is None:
                    continue
                done = picker.k
                picker.offer(frame, t)
                if picker.k >= len(order):
                    break
                if picker.k > done and index.seek_to(t, targets[order[picker.k]].t_ms) is not None:
                    break   # a target just done and a keyframe ahead: jump rather than decode the gap
            else:
                picker.finish(why)
        except Exception as exc:  # noqa: BLE001 - a corrupt stretch: give its targets a reason, go on after it
            why = _decode_failed(exc, want)
            log.warning("%s", why)
        if picker.k == first:   # nothing reached this target: it cannot be decoded from here
            picker.fail_next(why)
    progress(1.0, "frames")
