"""Decoding only what the image feature needs: where each line's frames are taken (always inside the line), the
packet index and its cost model (deterministic), the seek strategy on real files, and its fallbacks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core.features.extract import MOTION_FRAMES_MS, PER_LINE, anchor_ms, frame_targets
from svsg_desktop.core.media import FrameTarget, VideoIndex, grab_frames, read_index
from svsg_desktop.core.media.frames import choose_method
from svsg_desktop.core.media.index import SEEK_FRAMES, SKIPPED_COST


def _index(n_frames: int, fps: float, keys: list[int]) -> VideoIndex:
    t = np.arange(n_frames) * 1000.0 / fps
    return VideoIndex(t, t[sorted(set(k for k in keys if k < n_frames))])


spans_st = st.lists(st.tuples(st.integers(0, 60_000), st.integers(1, 8000)), min_size=1, max_size=30).map(
    lambda xs: [(a, a + d) for a, d in xs])


@settings(max_examples=60, deadline=None)
@given(spans=spans_st, keys=st.lists(st.integers(0, 1700), max_size=40))
def test_every_target_lies_inside_its_line(spans, keys):
    idx = _index(1700, 24.0, [0] + keys)
    for index in (idx, None):
        targets = frame_targets(spans, index)
        assert len(targets) == PER_LINE * len(spans)
        for k, (a, b) in enumerate(spans):
            anchor = targets[PER_LINE * k]
            assert a <= anchor.t_ms <= b and (anchor.lo_ms, anchor.hi_ms) == (a, b)
            for j, d in enumerate(MOTION_FRAMES_MS, start=1):
                tg = targets[PER_LINE * k + j]
                assert a <= tg.t_ms <= b and tg.t_ms == min(b, anchor.t_ms + d)


def test_anchor_prefers_a_keyframe_inside_the_line_else_its_start():
    idx = _index(2400, 24.0, [0, 240, 1000])        # keyframes at 0 s, 10 s, 41.67 s
    assert anchor_ms(9000, 13000, idx) == 10000       # a keyframe in the line: decode from it
    assert anchor_ms(7000, 11000, idx) == 10000       # … in its second half too, with room for the motion frames
    assert anchor_ms(7000, 10300, idx) == 7250        # … but not where the motion frames would leave the line
    assert anchor_ms(20000, 24000, idx) == 20250      # none: as early as the lead allows
    assert anchor_ms(20000, 20400, idx) == 20100      # short line: a quarter of it
    assert anchor_ms(20000, 24000, None) == 22000     # no index: the midpoint


@settings(max_examples=60, deadline=None)
@given(wanted=st.lists(st.floats(0, 70_000), min_size=1, max_size=60),
       keys=st.lists(st.integers(0, 1700), max_size=40), fps=st.sampled_from([12.0, 23.976, 30.0]))
def test_seek_never_costs_more_than_one_seek_over_a_pass(wanted, keys, fps):
    idx = _index(1700, fps, [0] + keys)
    wanted = sorted(wanted)
    seq, seek = idx.cost("sequential", wanted), idx.cost("seek", wanted)
    assert seek <= seq + SEEK_FRAMES
    assert choose_method(idx, wanted) == choose_method(idx, list(wanted))   # a pure function of the index


def test_index_without_keyframes_decodes_from_the_start():
    idx = _index(240, 24.0, [])
    assert idx.seek_to(None, 5000) == 0.0 and idx.seek_to(1000, 5000) is None
    assert idx.cost("seek", [5000.0, 9000.0]) == idx.cost("sequential", [5000.0, 9000.0]) + SEEK_FRAMES
    assert choose_method(idx, [5000.0]) == "sequential"
    empty = VideoIndex(np.zeros(0), np.zeros(0))
    assert choose_method(empty, [5000.0]) == "sequential"


def test_seek_strategy_on_a_real_file(episode):
    video, lines, _ = episode
    index = read_index(video)
    assert len(index.key_ms) >= 3 and abs(index.fps - 10) < 0.5
    spans = [(ln.start, ln.end) for ln in lines]
    targets = frame_targets(spans, index)
    seq = grab_frames(video, targets, method="sequential", max_side=160)
    seek = grab_frames(video, targets, method="seek", max_side=160, index=index)
    for g in (seq, seek):
        assert sorted(g.frames) == list(range(len(targets))) and not g.problems
        for i, tg in enumerate(targets):          # every frame given lies inside its line
            assert tg.lo_ms <= g.times[i] <= tg.hi_ms
    assert seek.decoded < seq.decoded
    for k, ln in enumerate(lines):                # the right shot: the frame's dominant colour is the speaker's
        want = {"a": 0, "b": 1, "c": 2}[ln.speaker]
        assert int(np.argmax(seek.frames[PER_LINE * k][:20].reshape(-1, 3).mean(axis=0))) == want
    # the choice is deterministic: same file, same targets → same strategy, same frames
    again = [grab_frames(video, targets, method="auto", max_side=160) for _ in range(2)]
    assert again[0].method == again[1].method == choose_method(index, sorted(t.t_ms for t in targets))
    assert again[0].times == again[1].times


@pytest.mark.parametrize("method", ["seek", "auto"])
def test_seek_fallbacks_give_reasons(episode, tmp_path, make_video, method):
    video, lines, audio = episode
    targets = [FrameTarget((ln.start + ln.end) // 2, ln.start, ln.end) for ln in lines]
    targets.append(FrameTarget(60_000, 59_000, 61_000))
    g = grab_frames(video, targets, method=method)
    assert "past the end" in g.problems[len(lines)] and len(g.frames) == len(lines)
    # truncated: the first lines come back, the rest say why
    data = make_video(tmp_path / "fast.mp4", audio, len(audio) / 16000, faststart=True).read_bytes()
    cut = tmp_path / "truncated.mp4"
    cut.write_bytes(data[: len(data) // 2])
    g = grab_frames(cut, targets, method=method)
    assert 0 in g.frames and len(g.frames) < len(targets)
    assert len(g.frames) + len(g.problems) == len(targets) and all(g.problems.values())
    # corrupt bytes in the middle: every target gets a frame or a reason, and the episode goes on
    raw = bytearray(video.read_bytes())
    a = len(raw) // 3
    raw[a:a + 4000] = bytes(np.random.default_rng(0).integers(0, 256, 4000, dtype=np.uint8))
    bad = tmp_path / "corrupt.mp4"
    bad.write_bytes(bytes(raw))
    g = grab_frames(bad, targets, method=method)
    assert len(g.frames) + len(g.problems) == len(targets) and len(g.frames) >= 1
    assert all(g.problems.values())


def test_audio_only_file_has_no_index_and_a_reason(tmp_path):
    from tests.core.features.test_audio_only import _audio_only

    media = _audio_only(tmp_path / "call.m4a")
    assert read_index(media) is None
    g = grab_frames(media, [FrameTarget(500, 0, 1000)], method="auto")
    assert g.problems == {0: "the file has no video stream"} and not g.frames


def test_two_decoders_give_the_same_frames_as_one(episode, monkeypatch):
    from svsg_desktop.core.media import frames as frames_mod

    video, lines, _ = episode
    index = read_index(video)
    targets = frame_targets([(ln.start, ln.end) for ln in lines], index)
    monkeypatch.setattr(frames_mod, "SPLIT_MIN", 10**6)
    one = grab_frames(video, targets, method="seek", max_side=160, index=index)
    monkeypatch.setattr(frames_mod, "SPLIT_MIN", 5)
    order = sorted(range(len(targets)), key=lambda i: (targets[i].t_ms, i))
    halves = frames_mod._halves(index, targets, order)
    assert len(halves) == 2 and sorted(halves[0] + halves[1]) == sorted(order)
    two = grab_frames(video, targets, method="seek", max_side=160, index=index)
    assert two.times == one.times and not two.problems
    for i in one.frames:
        assert np.abs(two.frames[i].astype(int) - one.frames[i].astype(int)).max() <= 2


# --- B-frames (release-like encodes): reference flags from the packets, non-reference frames skipped -----------

@pytest.fixture(scope="module")
def bframe_episode(episode, tmp_path_factory, make_video):
    """The same episode encoded like a release: x264 veryfast with B-frames (b-pyramid), the loop filter on."""
    video, lines, audio = episode
    cols = {"a": (200, 60, 60), "b": (60, 200, 60), "c": (60, 60, 200)}

    def colour_at(tt):
        for ln in lines:
            if ln.start / 1000 - 0.5 <= tt <= ln.end / 1000 + 0.5:
                return cols[ln.speaker]
        return (128, 128, 128)

    d = tmp_path_factory.mktemp("bframes")
    out = make_video(d / "ep_b.mp4", audio, len(audio) / 16000, colour_at=colour_at, preset="veryfast", faststart=True,
                     x264_params="bframes=3:b-pyramid=normal:b-adapt=0")
    return out, lines, audio


def _decoded_times(video, skip: str) -> list[float]:
    import av

    with av.open(str(video)) as c:
        s = c.streams.video[0]
        s.codec_context.skip_frame = skip
        return sorted(float(f.pts * s.time_base) * 1000 for f in c.decode(s))


def test_index_knows_the_reference_frames_as_the_decoder_does(bframe_episode, episode):
    video, _, _ = bframe_episode
    index = read_index(video)
    assert index.ref is not None and index.nonref_count > len(index.frame_ms) // 4   # B-frames are there
    refs = index.frame_ms[index.ref]
    assert np.allclose(refs, _decoded_times(video, "NONREF"))   # exactly the frames a NONREF decoder gives
    assert np.allclose(index.frame_ms, _decoded_times(video, "DEFAULT"))
    plain = read_index(episode[0])   # ultrafast: no B-frames, every frame a reference
    assert plain.nonref_count == 0
    # a skipped frame costs almost nothing: the cost model counts reference frames
    last = float(index.frame_ms[-1])
    assert index.cost("sequential", [last]) == pytest.approx(len(refs) + SKIPPED_COST * index.nonref_count)


@pytest.mark.parametrize("method", ["sequential", "seek"])
def test_bframe_file_gives_every_line_its_frames(bframe_episode, method):
    video, lines, _ = bframe_episode
    index = read_index(video)
    targets = frame_targets([(ln.start, ln.end) for ln in lines], index)
    g = grab_frames(video, targets, method=method, max_side=160, index=index)
    assert sorted(g.frames) == list(range(len(targets))) and not g.problems
    exact = {}   # every frame of a full decode (no skips, loop filter on), by time
    import av

    with av.open(str(video)) as c:
        s = c.streams.video[0]
        for f in c.decode(s):
            exact[round(float(f.pts * s.time_base) * 1000, 3)] = f.to_ndarray(format="rgb24", width=160, height=90)
    times = np.array(sorted(exact))
    for i, tg in enumerate(targets):
        inside = times[(times >= tg.lo_ms) & (times <= tg.hi_ms)]
        assert round(g.times[i], 3) == inside[np.argmin(np.abs(inside - tg.t_ms))]   # the target's own frame …
        # … decoded exactly as a full decode gives it (an analysis-size frame: numpy's conversion vs swscale)
        if tg.max_side is None:
            assert np.abs(g.frames[i].astype(int) - exact[round(g.times[i], 3)].astype(int)).mean() < 2
    wanted_nonref = {round(g.times[i], 3) for i in g.times} - set(np.round(index.frame_ms[index.ref], 3))
    assert wanted_nonref and g.decoded <= int(index.ref.sum()) + len(wanted_nonref)   # the others were skipped
    for k, ln in enumerate(lines):
        want = {"a": 0, "b": 1, "c": 2}[ln.speaker]
        assert int(np.argmax(g.frames[PER_LINE * k][:20].reshape(-1, 3).mean(axis=0))) == want


@pytest.mark.parametrize("method", ["sequential", "seek"])
def test_a_line_holding_only_a_nonreference_frame_still_gets_it(bframe_episode, method):
    video, _, _ = bframe_episode
    index = read_index(video)
    nonref = index.frame_ms[~index.ref]
    ok = [t for t in nonref if t > 2000 and not len(index.ref_within(t - 30, t + 30))]
    t = float(ok[len(ok) // 2])
    targets = [FrameTarget(int(t), int(t - 30), int(t + 30)), FrameTarget(int(t) + 500, int(t), int(t) + 1000)]
    g = grab_frames(video, targets, method=method, max_side=160, index=index)
    assert not g.problems and g.times[0] == pytest.approx(t, abs=0.01)   # decoded on purpose, the only choice


def test_truncated_bframe_file_gives_frames_or_reasons(bframe_episode, tmp_path):
    video, lines, _ = bframe_episode
    cut = tmp_path / "cut.mp4"
    data = video.read_bytes()
    cut.write_bytes(data[: int(len(data) * 0.6)])
    index = read_index(cut)   # indexes what can be read (the moov is at the front: a truncated download)
    targets = frame_targets([(ln.start, ln.end) for ln in lines], index)
    targets.append(FrameTarget(60_000, 59_000, 61_000))   # past the end
    g = grab_frames(cut, targets, method="auto", max_side=160, index=index)
    assert len(g.frames) + len(g.problems) == len(targets) and all(g.problems.values())
    assert len(targets) - 1 in g.problems


@pytest.mark.parametrize("method", ["sequential", "seek", "auto"])
def test_cancel_stops_the_frame_pass(bframe_episode, method):
    import threading

    from svsg_desktop.core.errors import Cancelled

    video, lines, _ = bframe_episode
    index = read_index(video)
    targets = frame_targets([(ln.start, ln.end) for ln in lines], index)
    ev = threading.Event()
    seen: list[float] = []

    def progress(f: float, stage: str) -> None:
        seen.append(f)
        ev.set()   # the user cancels as soon as the pass reports

    with pytest.raises(Cancelled):
        grab_frames(video, targets, method=method, max_side=160, index=index, progress=progress, cancel=ev)
    ev2 = threading.Event()
    ev2.set()
    with pytest.raises(Cancelled):   # cancelled before it starts: nothing is decoded
        grab_frames(video, targets, method=method, max_side=160, index=index, cancel=ev2)
