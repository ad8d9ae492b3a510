"""The script layer (no synthesis): difficulty changes what it should, cancellation stops a job cleanly."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from svsg_desktop.core.demo import make_episode
from svsg_desktop.core.demo.script import DIFFICULTY, make_cast, plan_lines
from svsg_desktop.core.errors import Cancelled


def plan(difficulty: str, seed: int = 0, n_lines: int = 600):
    rng = np.random.default_rng(seed)
    cast = make_cast(rng, 6, difficulty)
    return cast, plan_lines(rng, cast, n_lines, 5, difficulty)


def test_difficulty_changes_voices_short_lines_and_music():
    easy_cast, easy = plan("easy")
    hard_cast, hard = plan("hard")
    assert np.ptp([c.pitch for c in easy_cast]) > 2 * np.ptp([c.pitch for c in hard_cast])
    assert len({c.variant[0] for c in hard_cast}) == 1            # one voice family: similar voices
    assert len({c.variant[0] for c in easy_cast}) == 2            # male and female variants
    short = lambda lines: np.mean([ln.short for ln in lines])    # noqa: E731
    assert short(hard) > short(easy) + 0.05
    assert DIFFICULTY["hard"]["music_db"] > DIFFICULTY["normal"]["music_db"] > DIFFICULTY["easy"]["music_db"]


def test_plan_shape():
    cast, lines = plan("normal")
    counts = np.bincount([ln.speaker for ln in lines], minlength=len(cast))
    assert counts.min() > 0
    shown_speaker = np.mean([ln.speaker in ln.shown for ln in lines])
    nobody = np.mean([not ln.shown for ln in lines])
    assert 0.55 < shown_speaker < 0.75 and 0.08 < nobody < 0.22
    assert 0.12 < np.mean([ln.music for ln in lines]) < 0.32
    assert {ln.lang for ln in lines} == {"en", "zh", "ja"}
    # Several locations, and each speaker appears in more than one: location and speaker are not confounded.
    assert len({ln.location for ln in lines}) >= 4
    for s in range(len(cast)):
        assert len({ln.location for ln in lines if ln.speaker == s}) >= 2
    # Same seed, same plan; another seed, another plan.
    assert plan("normal")[1] == lines and plan("normal", seed=1)[1] != lines


def test_cancel_stops_and_leaves_no_video(tmp_path):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        make_episode(tmp_path, minutes=0.5, n_lines=6, cancel=cancel)
    assert not list(tmp_path.glob("*.mp4"))


def test_missing_espeak_says_what_to_do(tmp_path, monkeypatch):
    from svsg_desktop.core.demo import SynthesisError, audio

    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    assert not audio.espeak_available()
    with pytest.raises(SynthesisError, match="apt-get install espeak-ng"):
        make_episode(tmp_path, minutes=0.5, n_lines=4)
    assert not list(tmp_path.glob("*.mp4"))


def test_too_long_is_refused(tmp_path):
    from svsg_desktop.core.demo import DemoSettingsError

    with pytest.raises(DemoSettingsError, match="minutes"):
        make_episode(tmp_path, minutes=61)
