"""``extract_features``: a video and its lines → one voice and one image embedding per line, plus quality stats.

Audio is decoded once and sliced; each line's frames are taken where they are cheapest to decode inside the line,
and decoded by one pass or by jumps between keyframes, whichever decodes fewer frames; encoders run
batched on one session each. Every group of results (voice, image, stats) is cached per line span under the
media content hash and the model/pipeline key, so reopening an episode recomputes nothing and a new model
recomputes only its own group.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import Cancelled
from ..lines import Line
from ..media import FrameTarget, VideoIndex, decode_audio, grab_frames, media_hash, read_index
from ..media.frames import PLAN_VERSION as FRAME_PLAN_VERSION
from ..models.encoders import load_encoder
from ..models.registry import ModelSpec, Registry
from ..progress import ProgressFn, SubProgress, check_cancel, no_progress
from . import image as img
from .cache import GroupCache, group_key
from .featureset import FeatureSet
from .stats import STAT_NAMES, line_stats
from .vad import SileroVAD

log = logging.getLogger(__name__)
MIN_VOICE_S = 0.1
MOTION_FRAMES_MS = (0, 170, 340, 510)   # analysis-size frames from the midpoint on (mouth motion)
PER_LINE = 1 + len(MOTION_FRAMES_MS)
FRAME_SIDE = 640
ANCHOR_LEAD_MS = 250   # the image frame is taken at least this far into a line (or a quarter of a short one)


def _clip_window(ln: Line) -> tuple[int, int]:
    return ln.start, max(ln.end, ln.start + 1)


@dataclass(frozen=True)
class _Run:
    """What the audio and image branches of one ``extract_features`` call share."""
    video: Path
    spans: list[tuple[int, int]]
    registry: Registry
    device: str
    frame_method: str
    vspec: ModelSpec
    ispec: ModelSpec
    vcache: GroupCache
    icache: GroupCache
    scache: GroupCache
    providers: set[str] = field(default_factory=set)      # execution providers the encoders got
    timings: dict[str, float] = field(default_factory=dict)   # stage → seconds


def extract_features(video: str | Path, lines: Sequence[Line], *, cache_dir: str | Path | None = None,
                     device: str = "auto", progress: ProgressFn = no_progress,
                     cancel: threading.Event | None = None, registry: Registry | None = None,
                     frame_method: str = "auto") -> FeatureSet:
    """Per-line features; ``FeatureSet.timings`` holds this call's stage timings (seconds)."""
    t_start = time.perf_counter()
    lines = list(lines)
    run = _plan(Path(video), lines, cache_dir, registry or Registry(), device, frame_method)
    spans = run.spans
    need_v, need_s = run.vcache.missing(spans), run.scache.missing(spans)
    need_i = run.icache.missing(spans)
    log.info("features for %d lines: %d voice, %d image, %d stats to compute", len(spans), len(need_v),
             len(need_i), len(need_s))
    if (need_v or need_s) and need_i:
        _both_branches(run, need_v, need_s, need_i, progress, cancel)
    elif need_v or need_s:
        _audio_branch(run, need_v, need_s, progress, cancel)
    elif need_i:
        _image_branch(run, need_i, progress, cancel)
    for c in (run.vcache, run.icache, run.scache):
        c.save()
    fs = _assemble([ln.id for ln in lines], run)
    run.timings["total"] = time.perf_counter() - t_start
    fs.timings = dict(run.timings)
    progress(1.0, "features ready")
    return fs


def _plan(video: Path, lines: list[Line], cache_dir, reg: Registry, device: str, frame_method: str) -> _Run:
    """Load the models and open the three result caches (voice, image, stats) for these lines."""
    vspec, ispec = reg.active("voice"), reg.active("image")
    vmodel, imodel, vad_model = reg.load(vspec.id), reg.load(ispec.id), reg.load("silero-vad")
    root = Path(cache_dir) if cache_dir is not None else None
    mh = media_hash(video) if root is not None else ""
    vcache = GroupCache(root, mh, "voice", group_key(vmodel.sha256, vspec.frontend, MIN_VOICE_S), vspec.dim)
    icache = GroupCache(root, mh, "image", group_key(imodel.sha256, ispec.frontend, img.PIPELINE_VERSION,
                                                     FRAME_SIDE, MOTION_FRAMES_MS, ANCHOR_LEAD_MS,
                                                     f"frames-v{FRAME_PLAN_VERSION}"), ispec.dim + img.HIST_BINS ** 3,
                        aux=("image_fallback", "mouth_motion"))
    scache = GroupCache(root, mh, "stats", group_key(vad_model.sha256, "stats-v1"), len(STAT_NAMES))
    return _Run(video, [_clip_window(ln) for ln in lines], reg, device, frame_method, vspec, ispec,
                vcache, icache, scache)


def _both_branches(run: _Run, need_v, need_s, need_i, progress: ProgressFn, cancel) -> None:
    """The audio branch (decode, VAD, voice encoder) runs in a thread beside the frame pass: FFmpeg decoding and
    onnxruntime release the GIL, so the two overlap on two cores. Only the image branch reports progress."""
    stop = _Either(cancel)

    def audio_job() -> None:
        try:
            _audio_branch(run, need_v, need_s, no_progress, stop)
        except BaseException:
            stop.set()   # stop the frame pass too: the error is raised below
            raise

    def image_progress(f: float, stage: str) -> None:   # the image branch reports 0.45…1 when run alone
        progress(max(0.0, (f - 0.45) / 0.55), stage)

    with ThreadPoolExecutor(1, thread_name_prefix="svsg-audio") as pool:
        fut = pool.submit(audio_job)
        try:
            _image_branch(run, need_i, image_progress, stop)
        except BaseException as image_err:
            stop.set()
            audio_err = fut.exception()   # waits for the audio branch, which stops at its next check
            if (isinstance(image_err, Cancelled) and audio_err is not None
                    and not isinstance(audio_err, Cancelled)):
                raise audio_err from None   # the audio branch failed first: report its error
            raise
        fut.result()


class _Either:
    """A cancel flag set by the user or by the other branch failing."""

    def __init__(self, user: threading.Event | None) -> None:
        self.user, self.own = user, threading.Event()

    def set(self) -> None:
        self.own.set()

    def is_set(self) -> bool:
        return self.own.is_set() or (self.user is not None and self.user.is_set())


@contextmanager
def _timed(run: _Run, stage: str):
    t = time.perf_counter()
    yield
    run.timings[stage] = time.perf_counter() - t


def _audio_branch(run: _Run, need_v: list[int], need_s: list[int], progress: ProgressFn, cancel) -> None:
    """Decode the audio once; VAD + stats; voice embeddings (runs beside the frame pass)."""
    progress(0.0, "decoding audio")
    with _timed(run, "decode_audio"):
        track = decode_audio(run.video)
    check_cancel(cancel)
    spans = run.spans
    if need_s:
        with _timed(run, "vad_stats"):
            progress(0.1, "voice activity")
            sp = SileroVAD(run.registry).probs(track.samples) if len(track.samples) else None
            for i in need_s:
                clip, _ = track.clip(*spans[i])
                st = line_stats(clip, *spans[i], sp)
                run.scache.put(spans[i], [st[k] for k in STAT_NAMES], True, "")
    if need_v:
        with _timed(run, "audio_slicing"):
            clips, todo = [], []
            for i in need_v:
                clip, why = track.clip(*spans[i])
                if clip is None or len(clip) < MIN_VOICE_S * track.sample_rate:
                    run.vcache.put(spans[i], np.zeros(run.vspec.dim), False, why or "too short for a voice embedding")
                else:
                    clips.append(clip)
                    todo.append(i)
        check_cancel(cancel)
        if todo:
            with _timed(run, "voice_encoder"):
                emb = _embed_batched(run, "voice", run.vspec, clips, 64, SubProgress(progress, 0.2, 0.45), cancel)
                for j, i in enumerate(todo):
                    run.vcache.put(spans[i], emb[j], True, "")
    del track


def _image_branch(run: _Run, need_i: list[int], progress: ProgressFn, cancel) -> None:
    """One frame pass (4 frames per line), character crops, image embeddings."""
    spans, icache = run.spans, run.icache
    with _timed(run, "frames"):
        index = read_index(run.video) if run.frame_method in ("auto", "seek") else None
        grab = grab_frames(run.video, frame_targets([spans[i] for i in need_i], index), max_side=FRAME_SIDE,
                           method=run.frame_method, progress=SubProgress(progress, 0.45, 0.75), cancel=cancel,
                           index=index)
    check_cancel(cancel)
    P = PER_LINE
    with _timed(run, "image_crops"):
        ok = [k for k, i in enumerate(need_i) if P * k in grab.frames]
        for k, i in enumerate(need_i):
            if P * k not in grab.frames:
                icache.put(spans[i], np.zeros(icache.dim), False, grab.problems.get(P * k, "no frame"),
                           {"image_fallback": 1.0})
        crops = img.line_crops([grab.frames[P * k] for k in ok],
                               [[grab.frames[P * k + j] for j in range(1, P) if P * k + j in grab.frames]
                                for k in ok]) if ok else []
    check_cancel(cancel)
    if ok:
        with _timed(run, "image_encoder"):
            emb = _embed_batched(run, "image", run.ispec, [c.image for c in crops], 32,
                                 SubProgress(progress, 0.8, 0.99), cancel)
            vec = img.combine(emb, np.stack([c.hist for c in crops]))
            for j, k in enumerate(ok):
                c = crops[j]
                icache.put(spans[need_i[k]], vec[j], True, "",
                           {"image_fallback": float(c.fallback), "mouth_motion": float(c.motion)})


def frame_targets(spans: list[tuple[int, int]], index: VideoIndex | None = None) -> list[FrameTarget]:
    """``PER_LINE`` targets per span: the anchor frame (full size), then the mouth-motion frames from the anchor
    on (analysis size). All inside the span."""
    targets = []
    for a, b in spans:
        t = anchor_ms(a, b, index)
        targets.append(FrameTarget(t, a, b))
        targets += [FrameTarget(min(b, t + d), a, b, max_side=img.AW) for d in MOTION_FRAMES_MS]
    return targets


def anchor_ms(a: int, b: int, index: VideoIndex | None) -> int:
    """The line's image time: any frame while the line is spoken shows its shot, so the cheapest to decode is
    taken, after ``ANCHOR_LEAD_MS`` (the cut-in of a shot that changes with the line): a keyframe inside the line
    with room for the motion frames after it (the one nearest the midpoint), else the earliest time (fewest frames
    after the keyframe before it). Without an index: the midpoint."""
    mid = (a + b) // 2
    if index is None:
        return mid
    lo = min(mid, a + min(ANCHOR_LEAD_MS, (b - a) // 4))
    keys = index.keys_within(lo, max(lo, b - MOTION_FRAMES_MS[-1]))
    if len(keys):
        return int(np.ceil(keys[np.argmin(np.abs(keys - mid))]))
    return lo


def _embed_batched(run: _Run, kind: str, spec, items: list, step: int, progress: ProgressFn,
                   cancel) -> np.ndarray:
    """Embed ``items`` with the ``kind`` encoder of ``spec`` in batches of ``step``; progress 0…1 per batch."""
    progress(0.0, f"{kind} embeddings")
    enc = load_encoder(kind, model_id=spec.id, device=run.device, registry=run.registry)
    run.providers.add(enc.provider)
    emb = np.zeros((len(items), spec.dim), np.float32)
    for s in range(0, len(items), step):
        check_cancel(cancel)
        emb[s:s + step] = enc.embed(items[s:s + step])
        progress(min(1.0, (s + step) / len(items)), f"{kind} embeddings")
    return emb


def _assemble(ids: list[str], run: _Run) -> FeatureSet:
    spans, vcache, icache, scache = run.spans, run.vcache, run.icache, run.scache
    n = len(ids)
    voice = np.zeros((n, vcache.dim), np.float32)
    image = np.zeros((n, icache.dim), np.float32)
    vv, vi = np.zeros(n, bool), np.zeros(n, bool)
    stats = {k: np.zeros(n, np.float32) for k in STAT_NAMES + icache.aux_names}
    problems: dict[str, str] = {}
    for r, (lid, span) in enumerate(zip(ids, spans)):
        voice[r], vv[r], vwhy, _ = vcache.get(span)
        image[r], vi[r], iwhy, aux = icache.get(span)
        svec, _, _, _ = scache.get(span)
        for k, name in enumerate(STAT_NAMES):
            stats[name][r] = svec[k]
        for k, name in enumerate(icache.aux_names):
            stats[name][r] = aux[k]
        why = "; ".join(f"{what}: {w}" for what, w in (("voice", vwhy), ("image", iwhy)) if w)
        if why:
            problems[lid] = why
    return FeatureSet(ids, voice, image, stats, vv, vi, problems, run.vspec.id, run.ispec.id,
                      ",".join(sorted(run.providers)) or "cache")
