"""Checks of the bundled parts, run inside the frozen bundle (``SVSG_BUNDLE_SELFTEST=<mode> svsg [ARGS]``).

``info``  prints one JSON object: where the bundle is, the VLC variables set by the runtime hook, the CLI
          sub-commands found by ``pkgutil`` (the CLI discovers them at run time), onnxruntime's providers, the
          models and demo files that ship, and the Qt and libVLC versions.
``vlc``   plays a video (ARGS[0], default: the bundled demo) through the bundled libVLC and its pruned plugin
          folder for a couple of seconds, embedded in a Qt window when there is an X display (``--vout=dummy``
          otherwise), then prints the decoded/displayed frame counts, the brightness of a screen grab and every
          VLC library mapped into the process. Exits 1 when nothing was decoded or shown, or when any VLC library
          was loaded from outside the bundle.
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
    return out


def _default_video() -> str:
    demo = os.path.join(_bundle_dir(), "resources", "demo")
    if os.path.isdir(demo):
        for name in sorted(os.listdir(demo)):
            if name.lower().endswith((".mp4", ".mkv", ".webm")):
                return os.path.join(demo, name)
    raise SystemExit("bundle_selftest: no video given and no demo video in the bundle")


def play(video: str, seconds: float = 2.5) -> dict:
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
    player.play()
    t_end = time.monotonic() + seconds
    while time.monotonic() < t_end:
        if app is not None:
            app.processEvents()
        time.sleep(0.02)
    stats = vlc.MediaStats()
    media.get_stats(stats)
    result = {"video": video, "embedded_in_qt": embed, "state": str(player.get_state()),
              "decoded_video": stats.decoded_video, "displayed_pictures": stats.displayed_pictures,
              "decoded_audio": stats.decoded_audio}
    if app is not None:
        shot = app.primaryScreen().grabWindow(0).toImage()
        lum = [shot.pixelColor(x, y).lightness() for x in range(5, min(640, shot.width()), 16)
               for y in range(5, min(360, shot.height()), 16)]
        result["screen_mean_lightness"] = round(sum(lum) / max(1, len(lum)), 1)
    player.stop()
    mapped = _mapped_vlc_libraries()
    base = os.path.realpath(_bundle_dir())
    result["vlc_libraries_mapped"] = len(mapped)
    result["vlc_libraries_outside_bundle"] = [p for p in mapped if not os.path.realpath(p).startswith(base)]
    result["ok"] = (result["decoded_video"] > 0 and result["displayed_pictures"] > 0
                    and not result["vlc_libraries_outside_bundle"]
                    and (not embed or result.get("screen_mean_lightness", 0) > 1.0))
    if frame is not None:
        frame.close()
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
