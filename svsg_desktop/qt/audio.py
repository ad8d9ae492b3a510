"""Audio-only playback of lines (no video seek) behind a small protocol, like :mod:`.video` does for pictures:
:class:`VlcAudioBackend` (a second, video-less libVLC player on the same file) and :class:`NullAudioBackend` (a
timeline without sound: tests, machines without libVLC). :class:`LinePlayer` plays a queue of time spans one
after the other and reports, in words, when the sound does not come out."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from .compat import emit
from .i18n import tr
from .video import VLC_ARGS_ENV, import_vlc

log = logging.getLogger(__name__)

#: ``SVSG_AUDIO=off`` forces the null backend.
AUDIO_ENV = "SVSG_AUDIO"
LIBVLC_ERROR = 4
#: libVLC error messages that mean the sound did not come out (its aout core and output modules say these)
AUDIO_OUTPUT_WORDS = ("audio output", "audio device", "aout")


class AudioBackend(Protocol):
    available: bool
    reason: str

    def play(self, path: str, start_ms: int, end_ms: int) -> None: ...
    def stop(self) -> None: ...
    def state(self) -> str: ...        # "playing" | "ended" | "stopped" | "error" | "silent" (the output failed)
    def position(self) -> int: ...     # ms in the media
    def release(self) -> None: ...


class NullAudioBackend:
    """Keeps time as if it played (``rate`` × real time), makes no sound; ``played`` lists every span asked for."""

    available = False

    def __init__(self, reason: str = "audio disabled", rate: float = 1.0) -> None:
        self.reason, self.rate = reason, rate
        self.played: list[tuple[str, int, int]] = []
        self._span: tuple[int, int] | None = None
        self._t0 = 0.0

    def play(self, path: str, start_ms: int, end_ms: int) -> None:
        self.played.append((str(path), int(start_ms), int(end_ms)))
        self._span, self._t0 = (int(start_ms), int(end_ms)), time.monotonic()

    def stop(self) -> None:
        self._span = None

    def position(self) -> int:
        if self._span is None:
            return 0
        return min(self._span[1], self._span[0] + int(1000 * self.rate * (time.monotonic() - self._t0)))

    def state(self) -> str:
        if self._span is None:
            return "stopped"
        return "ended" if self.position() >= self._span[1] else "playing"

    def release(self) -> None:
        self.stop()


def _vsnprintf():
    """C ``vsnprintf`` (formats libVLC's log messages), or None where it cannot be found."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.cdll.msvcrt if sys.platform.startswith("win") else ctypes.CDLL(ctypes.util.find_library("c"))
        fn = libc.vsnprintf
    except (OSError, AttributeError):
        return None
    fn.restype = ctypes.c_int
    fn.argtypes = (ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_void_p)
    return fn


class VlcAudioBackend:
    """A video-less libVLC player. libVLC keeps "playing" when its audio output fails (silently, on the system
    clock); it only says so in its log, so the backend listens to the log's errors about the audio output."""

    available = True
    reason = ""

    def __init__(self, vlc_module, instance) -> None:
        self._vlc, self._instance = vlc_module, instance
        self._player = instance.media_player_new()
        self._lock = threading.Lock()
        self._output_error = ""
        self._log_cb = self._hook_log()

    def _hook_log(self):
        import ctypes

        fmt_fn = _vsnprintf()
        if fmt_fn is None:
            return None

        @self._vlc.CallbackDecorators.LogCb
        def on_log(_data, level, _ctx, fmt, args):
            if level < LIBVLC_ERROR:
                return
            buf = ctypes.create_string_buffer(400)
            fmt_fn(buf, 400, fmt, args)
            text = buf.value.decode("utf-8", errors="replace").strip()
            if any(w in text.lower() for w in AUDIO_OUTPUT_WORDS):
                with self._lock:         # the most telling message (libVLC says "Audio output failed", then why)
                    self._output_error = max(self._output_error, " ".join(text.split()), key=len)

        try:
            self._instance.log_set(on_log, None)
        except Exception:  # noqa: BLE001 - an old libVLC without log callbacks: no detection, still plays
            log.info("libVLC log callback unavailable", exc_info=True)
            return None
        return on_log                        # kept: ctypes must not free the callback while libVLC holds it

    def output_error(self) -> str:
        with self._lock:
            return self._output_error

    def play(self, path: str, start_ms: int, end_ms: int) -> None:
        media = self._instance.media_new_path(str(path))
        for opt in (":no-video", f":start-time={start_ms / 1000:.3f}", f":stop-time={end_ms / 1000:.3f}"):
            media.add_option(opt)
        with self._lock:
            self._output_error = ""
        self._player.set_media(media)
        self._player.play()

    def stop(self) -> None:
        self._player.stop()

    def state(self) -> str:
        if self.output_error():
            return "silent"
        s, S = self._player.get_state(), self._vlc.State
        if s == S.Error:
            return "error"
        if s == S.Ended:
            return "ended"
        if s in (S.Opening, S.Buffering, S.Playing, S.Paused):
            return "playing"
        return "stopped"

    def position(self) -> int:
        return max(0, int(self._player.get_time()))

    def release(self) -> None:
        try:
            self._player.stop()
            if self._log_cb is not None:
                self._instance.log_unset()
            self._player.release()
            self._instance.release()
        except Exception:  # noqa: BLE001 - shutting down
            log.debug("VLC audio release failed", exc_info=True)


def make_audio_backend() -> AudioBackend:
    """Never fails: without libVLC (or with ``SVSG_AUDIO=off``) a null backend whose ``reason`` says why."""
    if os.environ.get(AUDIO_ENV, "").lower() in ("off", "0", "null", "none"):
        return NullAudioBackend(f"audio turned off ({AUDIO_ENV})")
    vlc, why = import_vlc()
    if vlc is None:
        return NullAudioBackend(why)
    try:
        instance = vlc.Instance(["--quiet", "--no-video", *os.environ.get(VLC_ARGS_ENV, "").split()])
    except Exception as exc:  # noqa: BLE001
        return NullAudioBackend(f"libVLC failed to start: {exc}")
    if instance is None:
        return NullAudioBackend("libVLC was found but could not start (its plugins are missing?)")
    return VlcAudioBackend(vlc, instance)


class LinePlayer(QObject):
    """Plays ``(line id, start, end)`` spans of one media file back to back. ``lineStarted(id)`` as each begins,
    ``position(ms)`` while playing, ``finished()`` after the last, ``failed(message)`` (translated) when the
    backend cannot play or a span ends far too early (VLC found no sound device and ran through silently)."""

    lineStarted = Signal(str)
    position = Signal(int)
    finished = Signal()
    failed = Signal(str)

    def __init__(self, backend: AudioBackend | None = None, parent=None) -> None:
        super().__init__(parent)
        self._backend = backend                # made on first use: a window that never plays loads no libVLC
        self.path = ""
        self.queue: list[tuple[str, int, int]] = []
        self.current: tuple[str, int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._tick)

    @property
    def backend(self) -> AudioBackend:
        if self._backend is None:
            self._backend = make_audio_backend()
        return self._backend

    @backend.setter
    def backend(self, value: AudioBackend) -> None:
        self._backend = value

    def is_playing(self) -> bool:
        return self.current is not None

    def play(self, path: str, spans: list[tuple[str, int, int]]) -> bool:
        """Start playing ``spans`` (replacing anything playing). False, with ``failed`` emitted, when it cannot."""
        self.stop()
        if not self.backend.available:
            return self._fail(tr("Audio playback is off: %1").replace("%1", self.backend.reason))
        self.path, self.queue = str(path), [s for s in spans if s[2] > s[1]]
        self._next()
        return True

    def stop(self) -> None:
        if self.current is not None and self._backend is not None:
            self._backend.stop()
        self.current, self.queue = None, []
        self._timer.stop()

    def close(self) -> None:
        """Stop and let the backend go (idempotent: a closed player answers like a null one)."""
        self.stop()
        if self._backend is not None:
            self._backend.release()
        self._backend = NullAudioBackend(tr("the window was closed"))

    def _fail(self, message: str) -> bool:
        log.warning("audio: %s", message)
        self.stop()
        emit(self.failed, message)
        return False

    def _next(self) -> None:
        if not self.queue:
            self.current = None
            self._timer.stop()
            emit(self.finished)
            return
        self.current = self.queue.pop(0)
        lid, start, end = self.current
        try:
            self.backend.play(self.path, start, end)
        except Exception as exc:  # noqa: BLE001 - a broken libVLC must not take the window down
            self._fail(tr("Audio playback failed: %1").replace("%1", str(exc)))
            return
        emit(self.lineStarted, lid)
        self._timer.start()

    def _tick(self) -> None:
        if self.current is None:
            return
        state = self.backend.state()
        if state == "playing":
            emit(self.position, self.backend.position())
            return
        if state == "error":
            self._fail(tr("Audio playback failed: VLC could not play %1").replace("%1", self.path))
        elif state == "silent":
            detail = getattr(self.backend, "output_error", lambda: "")()
            self._fail(tr("No sound: the audio output failed (is a sound device connected and free?) %1").replace(
                "%1", detail).strip())
        else:
            self._next()
