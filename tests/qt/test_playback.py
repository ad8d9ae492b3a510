"""The transport as libVLC really behaves: it reports a play or pause some time after it was asked for, and its
time advances in coarse steps. The button must show what the user asked for, and a line must stop at its end."""

from __future__ import annotations

import time

from svsg_desktop.qt.video import NullBackend
from svsg_desktop.qt.video_panel import VideoPanel


class LikeVlc(NullBackend):
    """A null timeline whose state lags ``lag`` seconds behind a request and whose position moves in ``step`` ms
    steps (libVLC's ``get_time`` advances about every 250 ms on the machines we tried)."""

    def __init__(self, lag: float = 0.15, step: int = 250) -> None:
        super().__init__("tests")
        self.lag, self.step = lag, step
        self._since = 0.0
        self.paused_at: list[int] = []

    def play(self) -> None:
        super().play()
        self._since = time.monotonic()

    def pause(self) -> None:
        self.paused_at.append(super().position())
        super().pause()
        self._since = time.monotonic()

    def is_playing(self) -> bool:
        settled = time.monotonic() - self._since >= self.lag
        return super().is_playing() if settled else not super().is_playing()

    def position(self) -> int:
        return super().position() // self.step * self.step


def test_the_button_shows_pause_while_playing_and_play_while_paused(qtbot):
    panel = VideoPanel(LikeVlc())
    qtbot.addWidget(panel)
    panel.load("ep01.mp4")
    assert not panel.showing_pause
    panel.toggle()                                       # Space: play
    assert panel.showing_pause
    qtbot.wait(60)                                       # the backend still says "paused"
    assert panel.showing_pause
    qtbot.wait(200)
    assert panel.showing_pause and panel.backend.is_playing()
    panel.toggle()                                       # Space: pause
    assert not panel.showing_pause
    qtbot.wait(60)
    assert not panel.showing_pause
    qtbot.waitUntil(lambda: not panel.backend.is_playing(), timeout=1000)
    assert not panel.showing_pause


def test_a_line_stops_at_its_end_not_a_step_later(qtbot):
    backend = LikeVlc(lag=0.0)
    panel = VideoPanel(backend)
    qtbot.addWidget(panel)
    panel.load("ep01.mp4")
    panel.play_range(1000, 1600)
    assert panel.showing_pause
    qtbot.waitUntil(lambda: bool(backend.paused_at), timeout=3000)
    overshoot = backend.paused_at[0] - 1600
    assert -10 <= overshoot <= 60, f"stopped {overshoot} ms after the line's end"
    qtbot.wait(50)
    assert not panel.showing_pause
