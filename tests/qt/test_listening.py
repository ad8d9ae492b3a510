"""Listening and looking in the main window offscreen: the strip follows the current line, audio-only playback of
a line and of a group's sample (queue order), failures said in the status bar, and the "same person?" hints with
their one-key, undoable merge."""

from __future__ import annotations

import csv
import sys

import pytest
from PySide6.QtCore import Qt

from svsg_desktop.core.commands import AssignClusters
from svsg_desktop.core.hints import PairHint
from svsg_desktop.core.listening import group_sample
from svsg_desktop.qt.audio import LinePlayer, NullAudioBackend, VlcAudioBackend, make_audio_backend
from svsg_desktop.qt.hints_panel import merge_direction
from svsg_desktop.qt.video import import_vlc

from .conftest import make_project
from .test_window import DEMO, episode, window  # noqa: F401 - the demo-episode and window fixtures


class FakeAudio(NullAudioBackend):
    """A sound device that works, 40× faster than real time (the null backend's timeline, marked available)."""

    available = True

    def __init__(self, fail: str = "") -> None:
        super().__init__("tests", rate=40.0)
        self.fail = fail

    def state(self) -> str:
        return self.fail or super().state()


def open_grouped(window, episode, groups: dict[str, int]):
    assert window.open_video(episode)
    p = window.controller.project
    dialogue = [i for i in p.order if p.lines[i].is_dialogue]
    window.controller.apply_grouping(AssignClusters(groups or {i: 1 if k < 20 else 2 for k, i in enumerate(dialogue)},
                                                    confidences={i: ((k * 7) % 23) / 23
                                                                 for k, i in enumerate(dialogue)}))
    window.controller.undo_stack.clear()
    return p, dialogue


def test_the_strip_shows_the_current_line_with_its_neighbours(window, episode, qtbot):
    p, dialogue = open_grouped(window, episode, {})
    strip = window.listening.strip
    qtbot.waitUntil(lambda: strip.track is not None, timeout=30000)
    assert window.listening.cache.decodes == 1
    window.line_view.select_line(dialogue[5])
    cur = p.lines[dialogue[5]]
    assert strip.view.current.line_id == cur.id
    assert strip.view.start == max(0, cur.start - 3000) and strip.view.end == cur.end + 3000
    assert {c.line_id for c in strip.view.cues} >= {dialogue[4], dialogue[5], dialogue[6]} & {
        c.line_id for c in strip.view.cues}
    assert len(strip.view.cues) >= 2
    assert window.listening.dock.isVisible()


def on_line_with_fake_audio(window, episode, k: int):
    """The demo grouped, a working fake sound device, the k-th dialogue line current in the focused line list."""
    p, dialogue = open_grouped(window, episode, {})
    fake = FakeAudio()
    window.listening.player.backend = fake
    window.line_view.setFocus()
    window.line_view.select_line(dialogue[k])
    return p, dialogue, fake


def test_a_group_sample_plays_most_then_least_confident_back_to_back(window, episode, qtbot):
    p, dialogue, fake = on_line_with_fake_audio(window, episode, 0)
    started = []
    window.listening.player.lineStarted.connect(started.append)
    with qtbot.waitSignal(window.listening.player.finished, timeout=20000):
        qtbot.keyClick(window.line_view, Qt.Key_G, Qt.ShiftModifier)
    expected = group_sample(p, 1)
    assert len(expected) == 10 and started == expected
    assert fake.played == [(str(episode), p.lines[i].start, p.lines[i].end) for i in expected]
    conf = [p.lines[i].confidence for i in expected]
    assert conf[:5] == sorted(conf, reverse=True)[:5] and conf == sorted(conf, reverse=True)
    assert "10 of 10" in window.message.text()
    assert not window.video.backend.is_playing()            # audio only: the video was not started


def test_shift_r_plays_the_line_audio_without_moving_the_video(window, episode, qtbot):
    p, dialogue, fake = on_line_with_fake_audio(window, episode, 3)
    before = window.video.backend.position()
    qtbot.keyClick(window.line_view, Qt.Key_R, Qt.ShiftModifier)
    ln = p.lines[dialogue[3]]
    assert fake.played == [(str(episode), ln.start, ln.end)]
    assert window.video.backend.position() == before and not window.video.backend.is_playing()
    qtbot.waitUntil(lambda: not window.listening.player.is_playing(), timeout=5000)


@pytest.mark.parametrize("fail, words", [("error", "Audio playback failed"), ("silent", "No sound")])
def test_a_failing_audio_output_is_said_in_the_status_bar(window, episode, qtbot, fail, words):
    open_grouped(window, episode, {})
    window.listening.player.backend = FakeAudio(fail)
    window.line_view.select_line(window.controller.project.order[2])
    with qtbot.waitSignal(window.listening.player.failed, timeout=5000):
        window.actions["play_line_audio"].trigger()
    assert window.message.text().startswith(words)
    assert not window.listening.player.is_playing()


def test_without_an_audio_backend_the_status_bar_says_why(window, episode):
    open_grouped(window, episode, {})
    window.listening.player.backend = NullAudioBackend("libVLC is not available")
    window.line_view.select_line(window.controller.project.order[2])
    window.actions["play_line_audio"].trigger()
    assert window.message.text() == "Audio playback is off: libVLC is not available"


needs_vlc_alsa = pytest.mark.skipif(import_vlc()[0] is None or not sys.platform.startswith("linux"),
                                    reason="libVLC with its ALSA output (Linux) is needed")


def play_real(qtbot, monkeypatch, vlc_args: str):
    """A real libVLC audio player on the demo's second line; returns (signal name, its arguments)."""
    monkeypatch.setenv("SVSG_VLC_ARGS", vlc_args)
    monkeypatch.delenv("SVSG_AUDIO", raising=False)
    backend = make_audio_backend()
    assert isinstance(backend, VlcAudioBackend)
    player = LinePlayer(backend)
    got = []
    player.failed.connect(lambda msg: got.append(("failed", msg)))
    player.finished.connect(lambda: got.append(("finished", "")))
    try:
        assert player.play(str(DEMO / "demo.mp4"), [("L00002", 6150, 7150)])
        qtbot.waitUntil(lambda: bool(got), timeout=15000)
    finally:
        player.close()
    return got[0]


@needs_vlc_alsa
def test_real_vlc_whose_sound_device_fails_says_no_sound(qtbot, monkeypatch):
    """An ALSA device that does not exist: libVLC plays on in silence and only logs the failure; we say it."""
    kind, msg = play_real(qtbot, monkeypatch, "--aout=alsa --alsa-audio-device=svsg_no_such_device")
    assert kind == "failed" and msg.startswith("No sound") and "udio output failed" in msg


@needs_vlc_alsa
def test_real_vlc_with_a_working_output_plays_to_the_end(qtbot, monkeypatch):
    """libVLC's dummy output works (it discards the samples): no false alarm, the line plays to its end."""
    assert play_real(qtbot, monkeypatch, "--aout=adummy") == ("finished", "")


def test_merge_direction_prefers_the_named_then_the_larger_group():
    p = make_project(12, 3, names={2: "Ben"})
    assert merge_direction(p, PairHint(1, 2, 0.9)) == (1, 2)
    p.clusters[2].name = ""
    p.lines["L00001"] = p.lines["L00001"].with_(cluster=3)      # group 3 now has 5 lines, group 1 has 3
    assert merge_direction(p, PairHint(1, 3, 0.9)) == (1, 3)


def test_hints_offer_the_split_speaker_first_and_m_merges_it_undoably(window, episode, qtbot):
    """The demo grouped by its true speakers, with Emil's lines dealt into two groups: the engine's hint (real
    features, the trained heads) puts those two first; M merges them as one undoable step."""
    with open(DEMO / "demo_truth.csv", encoding="utf-8-sig") as fh:
        truth = [row["speaker"] for row in csv.DictReader(fh)]
    assert window.open_video(episode)
    p = window.controller.project
    names = sorted({s for s in truth if s})
    groups, dealt = {}, 0
    for lid, who in zip(p.order, truth):
        if who == "Emil":
            groups[lid], dealt = 100 + dealt % 2, dealt + 1
        elif who:
            groups[lid] = names.index(who) + 1
    window.controller.apply_grouping(AssignClusters(groups))
    window.controller.undo_stack.clear()
    window.actions["find_similar"].trigger()
    panel = window.listening.hints
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: bool(panel.pairs), timeout=120000)
    assert (panel.pairs[0].a, panel.pairs[0].b) == (100, 101) and panel.list.currentRow() == 0
    n = len(p.clusters)
    qtbot.keyClick(panel.list, Qt.Key_M)
    assert len(p.clusters) == n - 1 and {p.lines[i].cluster for i, g in groups.items() if g >= 100} == {100}
    qtbot.waitUntil(lambda: all(100 not in (h.a, h.b) or 101 not in (h.a, h.b) for h in panel.pairs), timeout=5000)
    window.controller.undo_stack.undo()
    assert len(p.clusters) == n and 101 in p.clusters


def test_pairs_as_alike_as_engine_merges_are_bold_and_far_below_greyed(qtbot):
    from svsg_desktop.qt.hints_panel import HintsPanel

    panel = HintsPanel()
    qtbot.addWidget(panel)
    p = make_project(12, 3)
    panel.show_pairs(p, [PairHint(1, 2, 0.5), PairHint(1, 3, 0.2), PairHint(2, 3, 0.01)], threshold=0.3)
    items = [panel.list.item(r) for r in range(3)]
    assert [it.font().bold() for it in items] == [True, False, False]
    assert items[2].foreground().color() != items[1].foreground().color()
    assert "春日" in items[0].text() and "0.50" in items[0].text()
    assert panel.status.text().startswith("These groups may be")
    panel.show_pairs(p, [PairHint(1, 3, 0.2)], threshold=0.3)
    assert panel.status.text().startswith("No pair of groups is as alike")
    with qtbot.waitSignal(panel.mergeRequested) as merged:
        qtbot.keyClick(panel.list, Qt.Key_Return)
    assert merged.args == [3, 1] or merged.args == [1, 3]


def test_hints_wait_for_the_grouping_job(window, episode, qtbot):
    """Asked for while the window's job runs (it writes the feature cache), the hints start when it ends."""
    import threading

    open_grouped(window, episode, {})
    gate = threading.Event()

    def slow_job(progress=None, cancel=None):
        gate.wait(10)

    window.jobs.start(slow_job, name="grouping stand-in")
    window.actions["find_similar"].trigger()
    assert window.listening.hints.status.text().startswith("Waiting") and not window.listening.hint_jobs.is_busy()
    gate.set()
    qtbot.waitUntil(lambda: bool(window.listening.hints.pairs), timeout=120000)


def test_the_video_taking_over_stops_the_line_audio(window, episode, qtbot):
    open_grouped(window, episode, {})
    window.listening.player.backend = FakeAudio()
    window.listening.player.backend.rate = 0.01                  # a line that would play for minutes
    window.line_view.select_line(window.controller.project.order[2])
    window.actions["play_line_audio"].trigger()
    assert window.listening.player.is_playing()
    window.play_line()                                            # R: the video plays the line
    qtbot.waitUntil(lambda: not window.listening.player.is_playing(), timeout=3000)
