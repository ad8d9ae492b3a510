"""The audio strip widget offscreen: cue bounds at the right x, peaks only where the sound is, the spectrogram
mode, and the mouse gestures."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from svsg_desktop.core.listening import Cue, StripView
from svsg_desktop.core.media.audio import SAMPLE_RATE, AudioTrack
from svsg_desktop.qt.waveform import BACKGROUND, CUE_EDGE, CURRENT_EDGE, WaveformStrip


def tone_track(total_s: float = 10.0, on: tuple[float, float] = (8.0, 9.0), freq: float = 1000.0) -> AudioTrack:
    t = np.arange(int(total_s * SAMPLE_RATE)) / SAMPLE_RATE
    x = np.where((t >= on[0]) & (t < on[1]), 0.8 * np.sin(2 * np.pi * freq * t), 0.0).astype(np.float32)
    return AudioTrack(x)


VIEW = StripView(0, 10000, (Cue("L00001", 2000, 4000, True), Cue("L00002", 6000, 7000)))


def strip(qtbot, track=None, view=VIEW) -> WaveformStrip:
    w = WaveformStrip()
    qtbot.addWidget(w)
    w.resize(1000, 100)
    w.set_track(track if track is not None else tone_track())
    w.set_view(view, {"L00001": "current words", "L00002": "neighbour"})
    return w


def column(img, x: int) -> list[QColor]:
    return [img.pixelColor(x, y) for y in range(25, 75)]      # away from the time and text labels


def test_cue_bounds_are_drawn_at_their_times(qtbot):
    w = strip(qtbot)
    img = w.grab().toImage()
    assert w.x_of(2000) == 200 and w.ms_at(600) == 6000
    for x, colour in ((200, CURRENT_EDGE), (400, CURRENT_EDGE), (600, CUE_EDGE), (700, CUE_EDGE)):
        assert any(c.name() == colour.name() for px in (x - 1, x, x + 1) for c in column(img, px)), x
    assert all(c.name() == BACKGROUND.name() for c in column(img, 500))     # no cue, no sound: plain background
    inside = img.pixelColor(300, 30)
    assert inside != BACKGROUND and inside.red() > inside.blue()            # the current line is tinted amber


def test_the_waveform_shows_the_sound_only_where_it_is(qtbot):
    w = strip(qtbot)
    img = w.grab().toImage()
    loud = [x for x in range(1000) if x not in range(195, 405) and x not in range(595, 705)
            and any(c.name() != BACKGROUND.name() for c in column(img, x))]
    assert loud and min(loud) >= 800 and max(loud) <= 900                    # the tone: 8–9 s


def test_spectrogram_mode_lights_up_the_tone_band(qtbot):
    w = strip(qtbot)
    w.set_spectrogram(True)
    img = w.grab().toImage()

    def brightness(x):
        return max(c.red() + c.green() for c in column(img, x))
    assert brightness(850) > brightness(520) + 150


def test_without_audio_the_strip_says_why(qtbot):
    w = strip(qtbot)
    w.set_track(None, "No audio: the file has no audio stream")
    img = w.grab().toImage()
    assert w.note.startswith("No audio")
    assert all(c == BACKGROUND for c in column(img, 200) + column(img, 850))   # no cue bounds, no waveform
    assert any(c != BACKGROUND for x in range(300, 700) for c in [img.pixelColor(x, 50)])   # the words


def test_click_plays_from_there_and_double_click_goes_to_the_line(qtbot):
    w = strip(qtbot)
    with qtbot.waitSignal(w.playRequested) as played:
        qtbot.mouseClick(w, Qt.LeftButton, pos=QPoint(250, 50))
    assert played.args == [2500]
    with qtbot.waitSignal(w.lineRequested) as went:
        qtbot.mouseDClick(w, Qt.LeftButton, pos=QPoint(650, 50))
    assert went.args == ["L00002"]
