"""extract_features end to end on a small real episode: embeddings, stats, problems, cache, VAD lines."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from svsg_desktop.core.errors import Cancelled
from svsg_desktop.core.features import FeatureSet, extract_features, vad_lines
from svsg_desktop.core.features import extract as extract_mod
from svsg_desktop.core.features import image as image_mod
from svsg_desktop.core.lines import Line
from svsg_desktop.core.media import decode_audio as real_decode


def test_extract_features_real_models(episode, registry, tmp_path):
    video, lines, _ = episode
    extra = [Line("L00090", 60_000, 61_000, "after the end"), Line("L00091", 3000, 3040, "blip")]
    fs = extract_features(video, lines + extra, registry=registry, cache_dir=tmp_path / "c")
    n = len(lines) + 2
    assert fs.line_ids[-2:] == ["L00090", "L00091"]
    assert fs.voice.shape == (n, 256) and fs.image.shape[0] == n and fs.image.shape[1] > 1280
    assert fs.voice_model == "ge2e-resemblyzer" and fs.image_model == "efficientnet-lite0"
    assert fs.provider == "CPUExecutionProvider"
    assert fs.valid_voice[:len(lines)].all() and fs.valid_image[:len(lines)].all()
    assert not fs.valid_voice[-2] and not fs.valid_image[-2]
    assert "past the end" in fs.problems["L00090"]
    assert not fs.valid_voice[-1] and "too short" in fs.problems["L00091"]
    np.testing.assert_allclose(np.linalg.norm(fs.voice[fs.valid_voice], axis=1), 1, atol=1e-5)
    # voice: each line's nearest other line has the same speaker
    spk = np.array([ln.speaker for ln in lines])
    v = fs.voice[:len(lines)]
    s = v @ v.T
    np.fill_diagonal(s, -1)
    assert (spk[s.argmax(axis=1)] == spk).mean() >= 5 / 6
    st = fs.stats
    for k in ("duration_s", "loudness_db", "speech_ratio", "music_ratio", "flatness", "image_fallback"):
        assert st[k].shape == (n,)
    assert (st["speech_ratio"][:len(lines)] > 0.5).all()
    assert (st["loudness_db"][:len(lines)] > -40).all()
    np.testing.assert_allclose(st["duration_s"][0], (lines[0].end - lines[0].start) / 1000, atol=1e-3)
    # this call's stage timings travel with its result (no module-global state)
    assert {"decode_audio", "frames", "image_encoder", "voice_encoder", "total"} <= set(fs.timings)
    assert not hasattr(extract_mod, "timings")


def test_cache_reuses_and_recomputes_only_what_changed(episode, registry, tmp_path, monkeypatch):
    video, lines, _ = episode
    cache = tmp_path / "cache"
    first = extract_features(video, lines, registry=registry, cache_dir=cache)
    loaded: list[str] = []
    real = extract_mod.load_encoder

    def spy(kind, **kw):
        loaded.append(kind)
        return real(kind, **kw)

    monkeypatch.setattr(extract_mod, "load_encoder", spy)
    monkeypatch.setattr(extract_mod, "decode_audio", lambda *a, **k: pytest.fail("audio decoded again"))
    again = extract_features(video, lines, registry=registry, cache_dir=cache)
    assert loaded == [] and again.provider == "cache"
    np.testing.assert_array_equal(again.voice, first.voice)
    np.testing.assert_array_equal(again.image, first.image)
    # a new image pipeline (as a new image model would) recomputes the image group only
    monkeypatch.setattr(image_mod, "PIPELINE_VERSION", "test-changed")
    third = extract_features(video, lines, registry=registry, cache_dir=cache)
    assert loaded == ["image"]
    np.testing.assert_allclose(third.image, first.image, atol=1e-5)
    # so does a new frame plan (other frames for the same lines: the cached image rows are stale)
    loaded.clear()
    monkeypatch.setattr(extract_mod, "FRAME_PLAN_VERSION", extract_mod.FRAME_PLAN_VERSION + 1)
    extract_features(video, lines, registry=registry, cache_dir=cache)
    assert loaded == ["image"]
    # a new line recomputes that line only
    loaded.clear()
    monkeypatch.setattr(extract_mod, "decode_audio", real_decode)
    extra = Line("L00050", lines[0].start, lines[0].end - 100, "shorter")
    fourth = extract_features(video, lines + [extra], registry=registry, cache_dir=cache)
    assert sorted(loaded) == ["image", "voice"] and len(fourth) == len(lines) + 1


def test_featureset_roundtrip(episode, registry, tmp_path):
    video, lines, _ = episode
    fs = extract_features(video, (ln for ln in lines[:2]), registry=registry)   # any iterable of lines
    assert fs.line_ids == ["L00001", "L00002"]
    fs.problems["L00001"] = "example"
    p = tmp_path / "f.npz"
    fs.save(p)
    back = FeatureSet.load(p)
    assert back.line_ids == fs.line_ids and back.problems == fs.problems and back.provider == fs.provider
    np.testing.assert_array_equal(back.voice, fs.voice)
    assert set(back.stats) == set(fs.stats)
    sub = back.subset(["L00002"])
    assert sub.line_ids == ["L00002"] and sub.voice.shape == (1, 256)


def test_cancel(episode, registry):
    video, lines, _ = episode
    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        extract_features(video, lines, registry=registry, cancel=ev)


def test_vad_lines_find_the_speech(episode, registry):
    video, lines, _ = episode
    found = vad_lines(video, registry=registry)
    assert len(lines) - 1 <= len(found) <= len(lines) + 3
    for ln in lines:   # every true line overlaps a VAD line
        assert any(min(ln.end, f.end) - max(ln.start, f.start) > 0.5 * ln.duration for f in found)
    assert [f.id for f in found] == [f"L{i + 1:05d}" for i in range(len(found))]


def test_video_without_audio_still_gives_images(tmp_path, make_video, registry):
    v = make_video(tmp_path / "mute.mp4", None, 3.0)
    fs = extract_features(v, [Line("L00001", 500, 2000, "x")], registry=registry)
    assert not fs.valid_voice[0] and fs.valid_image[0]
    assert "no audio stream" in fs.problems["L00001"]
