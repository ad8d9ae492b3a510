"""The generated demo episode: real files that decode, consistent subtitles and truth, plausible content."""

from __future__ import annotations

import av
import numpy as np
import pysubs2
import pytest

from svsg_desktop.core.demo import DemoSettingsError, make_episode, read_truth_csv
from svsg_desktop.core.lines import Flag

from .conftest import SMALL, needs_espeak


def decode_audio(path) -> tuple[np.ndarray, int]:
    with av.open(str(path)) as c:
        rate = c.streams.audio[0].rate
        x = np.concatenate([f.to_ndarray() for f in c.decode(audio=0)], axis=1)
    return x.mean(axis=0), rate


def test_files_exist_and_decode(small_episode):
    ep = small_episode
    for p in (ep.video, ep.srt, ep.ass, ep.truth_csv):
        assert p.is_file() and p.stat().st_size > 0
    with av.open(str(ep.video)) as c:
        v, a = c.streams.video[0], c.streams.audio[0]
        assert v.codec_context.name == "h264"
        assert a.codec_context.name == "aac"
        assert (v.codec_context.width, v.codec_context.height) == (640, 360)
        n = sum(1 for _ in c.decode(video=0))
    assert n == round(SMALL["minutes"] * 60 * ep.fps)
    audio, rate = decode_audio(ep.video)
    assert rate == 48_000
    assert abs(len(audio) / rate - SMALL["minutes"] * 60) < 0.1


def test_subtitles_and_truth_agree(small_episode):
    ep = small_episode
    truth = read_truth_csv(ep.truth_csv)
    srt, ass = pysubs2.load(str(ep.srt)), pysubs2.load(str(ep.ass))
    assert len(truth) == len(srt) == len(ass) == len(ep.lines) == SMALL["n_lines"] + 1
    assert truth == ep.lines
    for t, s, a in zip(truth, srt, ass):
        assert (t.start, t.end, t.text) == (s.start, s.end, s.text) == (a.start, a.end, a.text)
        assert a.style == t.style
    signs = [a for a in ass if a.style == "Sign"]
    assert len(signs) == 1 and "Sign" in ass.styles and "Default" in ass.styles
    assert [t.speaker for t in truth if t.style == "Sign"] == [""]
    # No speaker names leak into the subtitles.
    assert all(not e.name for e in ass)
    assert not any(name in ep.srt.read_text(encoding="utf-8") for name in ep.speakers)
    assert ep.truth_csv.read_bytes().startswith(b"\xef\xbb\xbf")


def test_times_ordered_and_inside_video(small_episode):
    ep = small_episode
    prev_end = -1
    for t in ep.lines:
        assert 0 <= t.start < t.end <= ep.duration_s * 1000
        assert t.start >= prev_end, "lines overlap or are out of order"
        assert t.start <= t.speech_start < t.speech_end <= t.end
        assert t.start % 10 == 0 and t.end % 10 == 0
        prev_end = t.end


def test_cast_short_lines_and_camera(small_episode):
    ep = small_episode
    dialogue = [t for t in ep.lines if t.speaker]
    assert len({t.speaker for t in dialogue}) >= 3
    assert any(t.speech_end - t.speech_start < 1000 for t in dialogue), "no short line"
    assert all(set(t.visible) <= set(ep.speakers) for t in dialogue)
    lines = ep.to_lines()
    assert Flag.NON_DIALOGUE in lines[0].flags and lines[1].is_dialogue
    assert [ln.speaker for ln in lines[1:]] == [t.speaker for t in dialogue]


def test_speech_is_where_the_truth_says(small_episode):
    """Audio energy inside the truth's speech spans is far above the energy in the silent gaps."""
    ep = small_episode
    audio, rate = decode_audio(ep.video)
    inside = np.zeros(len(audio), bool)
    for t in ep.lines[1:]:
        inside[int(t.speech_start / 1000 * rate):int(t.speech_end / 1000 * rate)] = True
    quiet = ~inside
    quiet[:int(4.5 * rate)] = False                     # opening music
    for t in ep.lines[1:]:
        if t.music:                                     # background music under these lines
            quiet[int((t.start / 1000 - 0.6) * rate):int((t.end / 1000 + 0.6) * rate)] = False
    assert quiet.sum() > rate  # at least a second of plain gaps
    db = lambda x: 10 * np.log10(np.mean(x ** 2) + 1e-12)  # noqa: E731
    assert db(audio[inside]) - db(audio[quiet]) > 15


@needs_espeak
def test_same_seed_same_episode_other_seed_differs(small_episode, tmp_path):
    again = make_episode(tmp_path / "again", **SMALL)
    assert again.srt.read_bytes() == small_episode.srt.read_bytes()
    assert again.truth_csv.read_bytes() == small_episode.truth_csv.read_bytes()
    a1, _ = decode_audio(small_episode.video)
    a2, _ = decode_audio(again.video)
    assert np.array_equal(a1, a2)
    other = make_episode(tmp_path / "other", **{**SMALL, "seed": 2})
    assert other.truth_csv.read_bytes() != small_episode.truth_csv.read_bytes()
    a3, _ = decode_audio(other.video)
    n = min(len(a1), len(a3))
    assert not np.allclose(a1[:n], a3[:n], atol=1e-3)


@needs_espeak
def test_too_many_lines_are_refused(tmp_path):
    with pytest.raises(DemoSettingsError, match="do not fit"):
        make_episode(tmp_path, minutes=0.3, n_lines=60)
    assert not list(tmp_path.glob("*.mp4"))


def test_bad_settings_are_refused(tmp_path):
    with pytest.raises(DemoSettingsError, match="even"):
        make_episode(tmp_path, width=641)
    with pytest.raises(DemoSettingsError, match="difficulty"):
        make_episode(tmp_path, difficulty="brutal")
    with pytest.raises(DemoSettingsError, match="n_speakers"):
        make_episode(tmp_path, n_speakers=1, minutes=0.5, n_lines=4)
    assert not list(tmp_path.glob("*.mp4"))
