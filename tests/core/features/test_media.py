"""Decode once + slice, frame grabbing (sequential vs seek), broken media."""

from __future__ import annotations

import numpy as np
import pytest

from svsg_desktop.core.errors import MediaError
from svsg_desktop.core.media import FrameTarget, decode_audio, grab_frames, media_hash


def test_decode_once_and_slice(episode):
    video, lines, audio = episode
    tr = decode_audio(video)
    assert tr.sample_rate == 16000 and tr.problem == ""
    assert abs(tr.duration - len(audio) / 16000) < 0.15
    clip, why = tr.clip(lines[0].start, lines[0].end)
    assert why == "" and abs(len(clip) - (lines[0].end - lines[0].start) * 16) <= 16
    # the decoded audio matches what was encoded (AAC is lossy: correlation, not equality)
    ref = audio[16000:24000]
    lag = int(np.argmax(np.correlate(tr.samples[12000:30000], ref, "valid"))) + 12000 - 16000
    assert abs(lag) < 3000                                  # codec priming delay only
    got = tr.samples[16000 + lag:24000 + lag]
    assert np.corrcoef(got, ref)[0, 1] > 0.9
    past, why = tr.clip(10_000_000, 10_001_000)
    assert past is None and "past the end" in why
    cut, why = tr.clip(int(tr.duration * 1000) - 200, int(tr.duration * 1000) + 5000)
    assert cut is not None and "cut" in why


def test_frames_sequential_and_seek_agree(episode):
    video, lines, _ = episode
    targets = [FrameTarget((ln.start + ln.end) // 2, ln.start, ln.end) for ln in lines]
    targets.append(FrameTarget(60_000, 59_000, 61_000))          # past the end
    seq = grab_frames(video, targets, method="sequential", max_side=160)
    seek = grab_frames(video, targets, method="seek", max_side=160)
    auto = grab_frames(video, targets, method="auto", max_side=160)
    assert auto.method in ("sequential", "seek")
    for g in (seq, seek):
        assert sorted(g.frames) == list(range(len(lines)))
        assert "past the end" in g.problems[len(lines)]
        assert g.frames[0].shape == (90, 160, 3)
    for i, ln in enumerate(lines):
        want = {"a": 0, "b": 1, "c": 2}[ln.speaker]      # the frame's dominant colour channel
        for g in (seq, seek):
            assert int(np.argmax(g.frames[i][:20].reshape(-1, 3).mean(axis=0))) == want


def test_no_audio_stream(tmp_path, make_video):
    v = make_video(tmp_path / "silent.mp4", None, 2.0)
    tr = decode_audio(v)
    assert len(tr.samples) == 0 and "no audio stream" in tr.problem
    clip, why = tr.clip(0, 1000)
    assert clip is None and "no audio stream" in why


def test_unreadable_file_raises_media_error(tmp_path):
    bad = tmp_path / "garbage.mp4"
    bad.write_bytes(b"this is not a video" * 100)
    with pytest.raises(MediaError, match="garbage.mp4"):
        decode_audio(bad)
    with pytest.raises(MediaError, match="no such file"):
        grab_frames(tmp_path / "missing.mp4", [FrameTarget(0, 0, 10)])


def test_truncated_file_keeps_the_decoded_part(episode, tmp_path, make_video):
    video, lines, audio = episode
    full = make_video(tmp_path / "fast.mp4", audio, len(audio) / 16000, faststart=True)
    data = full.read_bytes()
    cut = tmp_path / "truncated.mp4"
    cut.write_bytes(data[: len(data) // 2])
    tr = decode_audio(cut)
    assert 1.0 < tr.duration < len(audio) / 16000 - 1.0
    first, why = tr.clip(lines[0].start, lines[0].end)
    assert first is not None
    last, why = tr.clip(lines[-1].start, lines[-1].end)
    assert last is None and "past the end" in why
    targets = [FrameTarget((ln.start + ln.end) // 2, ln.start, ln.end) for ln in lines]
    g = grab_frames(cut, targets, method="sequential")
    assert 0 in g.frames and len(g.frames) < len(targets)
    assert len(g.frames) + len(g.problems) == len(targets)


def test_corrupt_middle_does_not_stop_the_episode(episode, tmp_path):
    video, lines, _ = episode
    data = bytearray(video.read_bytes())
    a = len(data) // 3
    data[a:a + 4000] = bytes(np.random.default_rng(0).integers(0, 256, 4000, dtype=np.uint8))
    bad = tmp_path / "corrupt.mp4"
    bad.write_bytes(bytes(data))
    tr = decode_audio(bad)
    assert tr.duration > 0
    targets = [FrameTarget((ln.start + ln.end) // 2, ln.start, ln.end) for ln in lines]
    g = grab_frames(bad, targets, method="sequential")
    assert len(g.frames) + len(g.problems) == len(targets) and len(g.frames) >= 1


def test_media_hash_changes_with_content(episode, tmp_path):
    video, _, _ = episode
    h = media_hash(video)
    copy = tmp_path / "renamed.mp4"
    copy.write_bytes(video.read_bytes())
    assert media_hash(copy) == h
    data = bytearray(video.read_bytes())
    data[len(data) // 2] ^= 1
    copy.write_bytes(bytes(data))
    assert media_hash(copy) != h
