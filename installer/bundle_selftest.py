"""Checks of the bundled parts, run inside the frozen bundle (``SVSG_BUNDLE_SELFTEST=<mode> svsg [ARGS]``).

``info``  prints one JSON object: where the bundle is, the VLC variables set by the runtime hook, the CLI
          sub-commands found by ``pkgutil`` (the CLI discovers them at run time), onnxruntime's providers, the
          models and demo files that ship, and the Qt and libVLC versions.
``vlc``   plays a video (ARGS[0], default: the bundled demo) through the bundled libVLC and its pruned plugin
          folder for a couple of seconds, embedded in a Qt window when there is an X display (``--vout=dummy``
          otherwise), then prints the decoded/displayed frame counts, the share of the window's pixels that a
          screen grab shows painted by VLC, and how many VLC libraries are mapped into the process; then decodes
          the same video's first frames with PyAV in the same process and lists the FFmpeg libraries mapped
          (``one_ffmpeg``: VLC and PyAV use the same single copy of each, from the bundle). Exits 1 when nothing
          was decoded or shown, or when any VLC library was loaded from outside the bundle.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _bundle_dir() -> str:
    return getattr(sys, "_MEIPASS", os.path.dirname(os.path.abspath(sys.executable)))


def _mapped_vlc_libraries() -> list[str]:
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = {line.split(None, 5)[5].strip() for line in fh if len(line.split(None, 5)) == 6}
    except OSError:  # not Linux: nothing to inspect
        return []
    return sorted(p for p in paths if "vlc" in os.path.basename(p).lower() or "/vlc/" in p)


FFMPEG_LIBS = ("libavcodec", "libavformat", "libavutil", "libswscale", "libswresample", "libavfilter",
               "libavdevice", "libpostproc")


def _mapped_ffmpeg_libraries() -> dict[str, list[str]]:
    """{library: [paths mapped]} for FFmpeg's libraries (``libavcodec.so.59`` and wheel names such as
    ``libavcodec-5e6b81c2.so.62.28.102`` alike)."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = {line.split(None, 5)[5].strip() for line in fh if len(line.split(None, 5)) == 6}
    except OSError:
        return {}
    found: dict[str, set[str]] = {}
    for p in paths:
        name = os.path.basename(p)
        for lib in FFMPEG_LIBS:
            if name.startswith((lib + ".", lib + "-")):
                found.setdefault(lib, set()).add(os.path.realpath(p))
    return {k: sorted(v) for k, v in sorted(found.items())}


def ffmpeg_check(video: str, mapped_before: dict[str, list[str]]) -> dict:
    """Decode a few frames of ``video`` with PyAV (after VLC played it in this process) and report which FFmpeg
    libraries are mapped: one copy of each, inside the bundle, shared by both, is what the bundle promises."""
    out: dict = {}
    try:
        import av

        out["pyav"] = av.__version__
        out["pyav_libavcodec"] = ".".join(map(str, av.library_versions["libavcodec"]))
        with av.open(video) as container:
            n = 0
            for frame in container.decode(video=0):
                frame.to_ndarray(format="rgb24")
                n += 1
                if n >= 5:
                    break
        out["pyav_frames_decoded"] = n
    except Exception as err:  # noqa: BLE001 - reported, the caller decides
        out["pyav_error"] = repr(err)
    mapped = _mapped_ffmpeg_libraries()
    for lib, paths in mapped_before.items():
        mapped[lib] = sorted(set(mapped.get(lib, [])) | set(paths))
    base = os.path.realpath(_bundle_dir())
    out["ffmpeg_libraries_mapped"] = mapped
    out["one_ffmpeg"] = (bool(mapped.get("libavcodec")) and all(len(v) == 1 for v in mapped.values())
                         and all(p.startswith(base) for v in mapped.values() for p in v)
                         and out.get("pyav_frames_decoded", 0) > 0)
    return out


def info() -> dict:
    import pkgutil

    base = _bundle_dir()
    out: dict = {"bundle": base, "frozen": bool(getattr(sys, "frozen", False)),
                 "env": {k: os.environ.get(k) for k in ("PYTHON_VLC_LIB_PATH", "PYTHON_VLC_MODULE_PATH",
                                                        "VLC_PLUGIN_PATH")}}
    import svsg_desktop.cli as cli

    out["cli_modules"] = sorted(m.name for m in pkgutil.iter_modules(cli.__path__))
    try:
        import onnxruntime

        out["onnxruntime"] = {"version": onnxruntime.__version__,
                              "providers": onnxruntime.get_available_providers()}
    except Exception as err:  # noqa: BLE001 - reported, the caller decides
        out["onnxruntime"] = {"error": repr(err)}
    models = os.path.join(base, "models")
    out["models"] = sorted(os.listdir(models)) if os.path.isdir(models) else []
    demo = os.path.join(base, "resources", "demo")
    out["demo"] = sorted(os.listdir(demo)) if os.path.isdir(demo) else []
    tr = os.path.join(base, "resources", "translations")
    out["translations"] = sorted(f for f in os.listdir(tr) if f.endswith(".qm")) if os.path.isdir(tr) else []
    try:
        from PySide6 import QtCore

        out["qt"] = QtCore.qVersion()
    except Exception as err:  # noqa: BLE001
        out["qt"] = repr(err)
    try:
        import vlc

        out["libvlc"] = vlc.libvlc_get_version().decode()
    except BaseException as err:  # noqa: BLE001 - python-vlc raises SystemExit on a bad path
        out["libvlc"] = repr(err)
    real_base = os.path.realpath(base)
    out["sys_path_outside_bundle"] = [p for p in sys.path if p and not os.path.realpath(p).startswith(real_base)]
    # modules read from a real file outside the bundle (shiboken's embedded helpers have relative dummy names)
    out["modules_outside_bundle"] = sorted(
        f"{name}: {mod.__file__}" for name, mod in list(sys.modules.items())
        if isinstance(getattr(mod, "__file__", None), str) and os.path.isabs(mod.__file__)
        and not os.path.realpath(mod.__file__).startswith(real_base))
    return out


def _default_video() -> str:
    demo = os.path.join(_bundle_dir(), "resources", "demo")
    if os.path.isdir(demo):
        for name in sorted(os.listdir(demo)):
            if name.lower().endswith((".mp4", ".mkv", ".webm")):
                return os.path.join(demo, name)
    raise SystemExit("bundle_selftest: no video given and no demo video in the bundle")


def _painted_fraction(app, frame) -> float:
    """Share of the window's pixels that differ from its empty background, in a grab of the real screen (only a
    screen grab sees what VLC drew into our native window; QWidget.grab() would not)."""
    from PySide6 import QtCore

    corner = frame.mapToGlobal(QtCore.QPoint(0, 0))
    shot = app.primaryScreen().grabWindow(0, corner.x(), corner.y(), frame.width(), frame.height()).toImage()
    bg = frame.palette().window().color()
    points = [(x, y) for x in range(4, shot.width(), 16) for y in range(4, shot.height(), 16)]

    def differs(c) -> bool:
        return abs(c.red() - bg.red()) + abs(c.green() - bg.green()) + abs(c.blue() - bg.blue()) > 40

    return round(sum(differs(shot.pixelColor(x, y)) for x, y in points) / max(1, len(points)), 3)


def play(video: str, min_seconds: float = 2.0, max_seconds: float = 20.0) -> dict:
    """Play ``video`` until frames were shown (and, embedded, seen on screen) or ``max_seconds`` pass: a loaded
    2-core machine can take several seconds before the first picture is on time."""
    import vlc

    embed = bool(os.environ.get("DISPLAY")) and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb"
    args = ["--aout=adummy", "--no-video-title-show", "--quiet"]
    if not embed:
        args.append("--vout=dummy")
    instance = vlc.Instance(args)
    if instance is None:
        return {"ok": False, "error": "vlc.Instance() returned None: libVLC found no usable plugins"}
    player = instance.media_player_new()
    media = instance.media_new_path(video)
    player.set_media(media)
    app = frame = None
    if embed:
        from PySide6 import QtWidgets

        app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["svsg-selftest"])
        frame = QtWidgets.QFrame()
        frame.resize(640, 360)
        frame.show()
        app.processEvents()
        player.set_xwindow(int(frame.winId()))
    t0 = time.monotonic()
    player.play()
    stats = vlc.MediaStats()
    painted = 0.0
    while time.monotonic() - t0 < max_seconds:
        if app is not None:
            app.processEvents()
        time.sleep(0.05)
        if time.monotonic() - t0 < min_seconds:
            continue
        media.get_stats(stats)
        if stats.displayed_pictures >= 3:
            if app is None:
                break
            painted = _painted_fraction(app, frame)
            if painted > 0.5:
                break
    media.get_stats(stats)
    result = {"video": video, "embedded_in_qt": embed, "state": str(player.get_state()),
              "played_s": round(time.monotonic() - t0, 2), "decoded_video": stats.decoded_video,
              "displayed_pictures": stats.displayed_pictures, "decoded_audio": stats.decoded_audio}
    if app is not None:
        result["video_pixels_fraction"] = painted
    ffmpeg_while_playing = _mapped_ffmpeg_libraries()
    player.stop()
    mapped = _mapped_vlc_libraries()
    base = os.path.realpath(_bundle_dir())
    result["vlc_libraries_mapped"] = len(mapped)
    result["vlc_libraries_outside_bundle"] = [p for p in mapped if not os.path.realpath(p).startswith(base)]
    result["ok"] = (result["decoded_video"] > 0 and result["displayed_pictures"] > 0
                    and not result["vlc_libraries_outside_bundle"]
                    and (not embed or painted > 0.5))
    if frame is not None:
        frame.close()
    result.update(ffmpeg_check(video, ffmpeg_while_playing))
    return result


def main(mode: str, argv: list[str]) -> int:
    if mode == "info":
        print(json.dumps(info(), ensure_ascii=False, indent=1))
        return 0
    if mode == "vlc":
        result = play(argv[0] if argv else _default_video())
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0 if result["ok"] else 1
    print(f"bundle_selftest: unknown mode {mode!r} (use info or vlc)", file=sys.stderr)
    return 2
