"""PyInstaller runtime hook: point python-vlc at the libVLC and plugin folder inside the bundle.

Without its plugins libVLC starts but ``vlc.Instance()`` returns None (nothing can be decoded or shown), so the
bundle carries a pruned copy of the plugin folder in ``vlc/plugins``. The variables are set only when that folder
really exists in the bundle: a bundle built without it (or a developer's run from source) keeps using the system
VLC. A value the user set by hand wins.
"""

import os
import sys


def _point_vlc_at_bundle() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return
    plugins = os.path.join(base, "vlc", "plugins")
    if not os.path.isdir(plugins):
        return
    if sys.platform.startswith("win"):
        lib_names = ["libvlc.dll"]
    elif sys.platform == "darwin":
        lib_names = ["libvlc.dylib", "libvlc.5.dylib"]
    else:
        lib_names = ["libvlc.so.5", "libvlc.so"]
    for name in lib_names:
        lib = os.path.join(base, name)
        if os.path.isfile(lib):
            if sys.platform == "darwin":  # python-vlc needs libvlccore loaded first; it only does that itself for VLC.app
                import ctypes

                for core in ("libvlccore.dylib", "libvlccore.9.dylib"):
                    path = os.path.join(base, core)
                    if os.path.isfile(path):
                        ctypes.CDLL(path)
                        break
            os.environ.setdefault("PYTHON_VLC_LIB_PATH", lib)
            break
    os.environ.setdefault("PYTHON_VLC_MODULE_PATH", plugins)
    os.environ.setdefault("VLC_PLUGIN_PATH", plugins)


_point_vlc_at_bundle()
