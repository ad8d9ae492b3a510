"""Video playback behind a small protocol: :class:`VlcBackend` (python-vlc drawing into a native Qt window) and
:class:`NullBackend` (keeps a timeline, draws nothing: widget tests, and any machine where video cannot embed).

:func:`make_backend` never fails: when libVLC is missing, broken, or the Qt platform cannot host a foreign
window (``offscreen``, pure Wayland), it returns a ``NullBackend`` whose ``reason`` says why video is off.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import Protocol

log = logging.getLogger(__name__)

#: Extra libVLC options, e.g. ``SVSG_VLC_ARGS=--aout=adummy`` on machines without a sound device (tests, CI).
VLC_ARGS_ENV = "SVSG_VLC_ARGS"
#: ``SVSG_VIDEO=off`` forces the null backend.
VIDEO_ENV = "SVSG_VIDEO"


class VideoBackend(Protocol):
    available: bool      # True when frames are really shown
    reason: str          # why video is off ("" when available)
    name: str

    def attach(self, win_id: int) -> None: ...
    def load(self, path: str) -> None: ...
    def show_first_frame(self) -> None: ...
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def is_playing(self) -> bool: ...
    def seek(self, ms: int) -> None: ...
    def position(self) -> int: ...
    def duration(self) -> int: ...
    def release(self) -> None: ...
    def poll(self) -> None: ...          # called every UI tick: finish what had to wait for the media to open


class NullBackend:
    """A timeline without pictures: position advances with the wall clock while 'playing'."""

    available = False
    name = "none"

    def __init__(self, reason: str = "video disabled") -> None:
        self.reason = reason
        self.path: str | None = None
        self._pos = 0
        self._t0: float | None = None

    def attach(self, win_id: int) -> None:
        return None

    def load(self, path: str) -> None:
        self.path, self._pos, self._t0 = str(path), 0, None

    def show_first_frame(self) -> None:
        return None

    def play(self) -> None:
        if self.path is not None and self._t0 is None:
            self._t0 = time.monotonic()

    def pause(self) -> None:
        self._pos, self._t0 = self.position(), None

    def is_playing(self) -> bool:
        return self._t0 is not None

    def seek(self, ms: int) -> None:
        self._pos = max(0, int(ms))
        if self._t0 is not None:
            self._t0 = time.monotonic()

    def position(self) -> int:
        if self._t0 is None:
            return self._pos
        return self._pos + int(1000 * (time.monotonic() - self._t0))

    def duration(self) -> int:
        return 0

    def release(self) -> None:
        self.pause()

    def poll(self) -> None:
        return None


def import_vlc():
    """``import vlc`` guarded broadly: a bad library or plugin path raises SystemExit(1) inside python-vlc."""
    try:
        import vlc  # noqa: PLC0415
    except BaseException as exc:  # noqa: BLE001 - SystemExit, OSError, ImportError, NameError…
        if isinstance(exc, KeyboardInterrupt):
            raise
        return None, f"libVLC is not available ({type(exc).__name__}: {exc}); install VLC to see the video"
    return vlc, ""


class VlcBackend:
    available = True
    reason = ""
    name = "vlc"

    def __init__(self, vlc_module, instance) -> None:
        self._vlc = vlc_module
        self._instance = instance
        self._player = instance.media_player_new()
        self._media = None
        # A still picture: libVLC draws nothing for a media started paused (":start-paused") nor for a seek made
        # while paused or still opening, so a still is shown by playing muted to the wanted spot, then pausing.
        self._still: int | None = None         # where the still should be (ms); None: no still under way
        self._still_since: float | None = None  # when the seek to it was made

    def attach(self, win_id: int) -> None:
        win_id = int(win_id)
        if sys.platform.startswith("win"):
            self._player.set_hwnd(win_id)
        elif sys.platform == "darwin":
            self._player.set_nsobject(win_id)
        else:
            self._player.set_xwindow(win_id)
        # keyboard and mouse stay with Qt (our shortcuts), not with VLC's own window handlers
        self._player.video_set_key_input(False)
        self._player.video_set_mouse_input(False)

    def load(self, path: str) -> None:
        self._media = self._instance.media_new_path(str(path))
        self._player.set_media(self._media)
        self._still = self._still_since = None

    def show_first_frame(self) -> None:
        """Show the media's first picture (instead of a black area until Play)."""
        if self._media is not None:
            self._start_still(0, new_media=True)

    def _start_still(self, ms: int, new_media: bool = False) -> None:
        self._still, self._still_since = max(0, int(ms)), None
        self._player.audio_set_mute(True)
        if new_media or not self._player.is_playing():   # just after set_media it may still say "playing"
            self._player.play()

    def _end_still(self) -> None:
        self._still = self._still_since = None
        self._player.audio_set_mute(False)

    def play(self) -> None:
        if self._still is not None:
            target = self._still
            self._end_still()
            self._player.set_time(target)
        self._player.play()

    def pause(self) -> None:
        if self._still is not None:
            self._end_still()
        self._player.set_pause(1)

    def is_playing(self) -> bool:
        return self._still is None and bool(self._player.is_playing())

    def seek(self, ms: int) -> None:
        if self._still is not None or self._player.get_state() in (
                self._vlc.State.NothingSpecial, self._vlc.State.Stopped, self._vlc.State.Ended,
                self._vlc.State.Opening, self._vlc.State.Paused):
            self._start_still(ms)            # not playing: show the picture there
            return
        self._player.set_time(max(0, int(ms)))

    def poll(self) -> None:
        """Finish a still: once playing, seek to it; once a picture there has been drawn, pause."""
        if self._still is None or self._player.get_state() != self._vlc.State.Playing \
                or self._player.get_length() <= 0:
            return
        if self._still_since is None:
            self._player.set_time(self._still)
            self._still_since = time.monotonic()
        elif self._player.get_time() >= self._still and time.monotonic() - self._still_since > 0.2:
            self._player.set_pause(1)
            self._end_still()


    def position(self) -> int:
        return max(0, int(self._player.get_time()))

    def duration(self) -> int:
        return max(0, int(self._player.get_length()))

    def release(self) -> None:
        try:
            self._player.stop()
            self._player.release()
            self._instance.release()
        except Exception:  # noqa: BLE001 - shutting down; nothing useful to do
            log.debug("VLC release failed", exc_info=True)


def platform_can_embed(platform_name: str) -> tuple[bool, str]:
    name = (platform_name or "").lower()
    if name in ("offscreen", "minimal", "vnc") or name.startswith("minimal"):
        return False, f"the Qt platform '{platform_name}' has no real windows to draw video into"
    if name.startswith("wayland"):
        return False, ("VLC cannot draw inside a pure Wayland window; start with QT_QPA_PLATFORM=xcb "
                       "(XWayland) to see the video")
    return True, ""


def make_backend(platform_name: str | None = None) -> VideoBackend:
    if os.environ.get(VIDEO_ENV, "").lower() in ("off", "0", "null", "none"):
        return NullBackend(f"video turned off ({VIDEO_ENV})")
    if platform_name is None:
        from PySide6.QtGui import QGuiApplication

        platform_name = QGuiApplication.platformName()
    ok, why = platform_can_embed(platform_name)
    if not ok:
        return NullBackend(why)
    vlc, why = import_vlc()
    if vlc is None:
        return NullBackend(why)
    args = ["--quiet", "--no-video-title-show", "--no-xlib"] if not sys.platform.startswith(("win", "darwin")) \
        else ["--quiet", "--no-video-title-show"]
    args += os.environ.get(VLC_ARGS_ENV, "").split()
    try:
        instance = vlc.Instance(args)
    except Exception as exc:  # noqa: BLE001
        return NullBackend(f"libVLC failed to start: {exc}")
    if instance is None:
        return NullBackend("libVLC was found but could not start (its plugins are missing?)")
    log.info("video: libVLC %s", vlc.libvlc_get_version().decode(errors="replace"))
    return VlcBackend(vlc, instance)
