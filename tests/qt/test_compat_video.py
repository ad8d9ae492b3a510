"""The emit() repair for PySide6 6.12's dropped reference to True; the video backends' fallbacks."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from svsg_desktop.qt.compat import emit
from svsg_desktop.qt.video import NullBackend, VlcBackend, import_vlc, make_backend, platform_can_embed


class _Src(QObject):
    sig = Signal(int)


def test_emit_keeps_true_alive_through_thousands_of_emits():
    src = _Src()
    got = []
    src.sig.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(3000):
        emit(src.sig, i)
    assert len(got) == 3000
    assert sys.getrefcount(True) >= before - 5


def test_offscreen_and_wayland_cannot_embed():
    assert platform_can_embed("offscreen")[0] is False
    ok, why = platform_can_embed("wayland")
    assert not ok and "QT_QPA_PLATFORM=xcb" in why
    assert platform_can_embed("xcb") == (True, "")
    b = make_backend("offscreen")
    assert isinstance(b, NullBackend) and not b.available and "offscreen" in b.reason


def test_video_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("SVSG_VIDEO", "off")
    b = make_backend("xcb")
    assert isinstance(b, NullBackend) and "SVSG_VIDEO" in b.reason


def test_broken_libvlc_is_reported_not_fatal(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *a, **k):
        if name == "vlc":
            raise SystemExit(1)   # what python-vlc does with a bad plugin path
        return real_import(name, *a, **k)

    monkeypatch.delitem(sys.modules, "vlc", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    mod, why = import_vlc()
    assert mod is None and "SystemExit" in why
    b = make_backend("xcb")
    assert isinstance(b, NullBackend) and "libVLC" in b.reason


def test_null_backend_keeps_a_timeline(qtbot):
    b = NullBackend("test")
    b.play()
    assert not b.is_playing()          # nothing loaded
    b.load("ep.mp4")
    b.seek(5000)
    b.play()
    qtbot.wait(60)
    assert b.is_playing() and b.position() >= 5040
    b.pause()
    pos = b.position()
    qtbot.wait(30)
    assert b.position() == pos and not b.is_playing()


def test_vlc_backend_drives_a_real_player_without_a_window():
    vlc, why = import_vlc()
    assert vlc is not None, why       # CI installs libVLC: its absence is a failure, not a skip
    inst = vlc.Instance(["--quiet", "--aout=adummy", "--vout=dummy"])
    assert inst is not None, "libVLC plugins missing"
    b = VlcBackend(vlc, inst)
    assert b.available and b.position() == 0
    b.release()
