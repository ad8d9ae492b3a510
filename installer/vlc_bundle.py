"""Build-time helper for the spec: find libVLC and its plugin folder, and decide which plugins ship.

The bundle needs VLC only to *play a local video file inside our window*: reading files, demuxing, decoding,
subtitles, audio output and video output. Everything else in VLC's plugin folder is dropped: its own GUIs,
Lua scripts and extensions, visualisations, remote controls, streaming output and muxers, network services,
disc/capture/broadcast inputs, encoders and hardware-decoding glue. Dropping a plugin also drops the system
libraries only it needed (x264/x265, libcaca, libsmbclient, libbluray, libva…).
"""

from __future__ import annotations

import ctypes.util
import fnmatch
import glob
import os
import sys

# Whole plugin categories (sub-folders) left out.
DROP_CATEGORIES = {
    "gui", "lua", "visualization", "control", "services_discovery", "stream_out", "access_output", "mux",
    "keystore", "meta_engine", "spu", "video_splitter", "vaapi", "vdpau",
}
# Single plugins left out (fnmatch patterns on "category/file name").
DROP_PLUGINS = [
    # inputs other than local files
    "access/*alsa*", "access/*mtp*", "access/*dc1394*", "access/*dv1394*", "access/*dvb*", "access/*dtv*",
    "access/*dvdnav*", "access/*dvdread*", "access/*bluray*", "access/*linsys*", "access/*nfs*", "access/*sftp*",
    "access/*smb*", "access/*rist*", "access/*satip*", "access/*v4l2*", "access/*vcd*", "access/*cdda*",
    "access/*pulsesrc*", "access/*realrtsp*", "access/*mms*", "access/*vdr*", "access/*rtp*", "access/*sdp*",
    "access/*shm*", "access/*timecode*", "access/*udp*", "access/*tcp*", "access/*ftp*", "access/*http*",
    "access/*live555*", "access/*dshow*", "access/*screen*", "access/*qtsound*", "access/*avcapture*",
    # encoders and broadcast-only decoders
    "codec/*x264*", "codec/*x265*", "codec/*x26410b*", "codec/*shine*", "codec/*twolame*", "codec/*zvbi*",
    "codec/*aribsub*", "codec/*vaapi*", "codec/*sdl_image*", "codec/*qsv*", "codec/*crystalhd*",
    # SVG pictures/subtitles (librsvg + cairo/pango: 11 MB) and VLC's XML reader (libxml2 + ICU: 35 MB; needed only
    # for XSPF playlists, DASH manifests and TTML subtitles); post-processing filters (libpostproc is not built)
    "codec/*svgdec*", "text_renderer/*svg*", "misc/*xml*", "video_filter/*postproc*",
    # odd video outputs and hardware glue
    "video_output/*libaa_*", "video_output/*caca*", "video_output/*libfb_*", "video_output/*flaschen*",
    "video_output/*vaapi*", "video_output/*vdpau*",
    # network/addon helpers
    "misc/*audioscrobbler*", "misc/*addons*", "misc/*fingerprinter*", "misc/*vod_rtsp*", "misc/*gnutls*",
    "misc/*export*",
    # streaming/tracker formats a TV episode never uses
    "demux/*chromecast*", "demux/*adaptive*", "demux/*libsid_*", "demux/*libmod_*", "demux/*mpc*",
]

PLUGIN_SUFFIXES = (".so", ".dll", ".dylib")


def find_plugin_dir() -> str | None:
    """The system VLC's plugin folder (``SVSG_VLC_PLUGIN_DIR`` overrides), or None when VLC is not installed."""
    env = os.environ.get("SVSG_VLC_PLUGIN_DIR")
    if env:
        return env if os.path.isdir(env) else None
    candidates = []
    if sys.platform.startswith("linux"):
        candidates += glob.glob("/usr/lib/*-linux-gnu/vlc/plugins") + ["/usr/lib/vlc/plugins", "/usr/lib64/vlc/plugins"]
    elif sys.platform == "darwin":
        candidates += ["/Applications/VLC.app/Contents/MacOS/plugins"]
    elif sys.platform.startswith("win"):
        for root in (os.environ.get("ProgramFiles", r"C:\Program Files"),
                     os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")):
            candidates.append(os.path.join(root, "VideoLAN", "VLC", "plugins"))
    for c in candidates:
        if os.path.isdir(c):
            return c
    return None


def find_libvlc() -> list[str]:
    """Paths of libvlc + libvlccore to ship (next to the executable, where the runtime hook looks)."""
    env = os.environ.get("SVSG_VLC_LIB_DIR")
    if sys.platform.startswith("win"):
        d = env or os.path.dirname(find_plugin_dir() or "")
        return [p for p in (os.path.join(d, "libvlc.dll"), os.path.join(d, "libvlccore.dll")) if os.path.isfile(p)]
    if sys.platform == "darwin":
        d = env or "/Applications/VLC.app/Contents/MacOS/lib"
        return sorted(glob.glob(os.path.join(d, "libvlc*.dylib")))
    found = []
    for stem, soname in (("vlc", "libvlc.so.5"), ("vlccore", "libvlccore.so.9")):
        if env and os.path.isfile(os.path.join(env, soname)):
            found.append(os.path.join(env, soname))
            continue
        for d in glob.glob("/usr/lib/*-linux-gnu") + ["/usr/lib64", "/usr/lib"]:
            p = os.path.join(d, soname)
            if os.path.isfile(p):
                found.append(p)
                break
        else:
            name = ctypes.util.find_library(stem)
            if name:
                found.append(name)
    return found


def keep_plugin(rel: str) -> bool:
    """``rel`` is "category/file" (forward slashes)."""
    category = rel.split("/", 1)[0]
    if category in DROP_CATEGORIES:
        return False
    return not any(fnmatch.fnmatch(rel, pat) for pat in DROP_PLUGINS)


def plugin_binaries(plugin_dir: str | None = None, dest_root: str = "vlc/plugins") -> tuple[list, list]:
    """(kept, dropped): kept is a PyInstaller ``binaries`` list of (source file, destination folder)."""
    plugin_dir = plugin_dir or find_plugin_dir()
    kept, dropped = [], []
    if not plugin_dir:
        return kept, dropped
    for dirpath, _dirs, files in os.walk(plugin_dir):
        for f in sorted(files):
            if not f.endswith(PLUGIN_SUFFIXES):
                continue
            src = os.path.join(dirpath, f)
            rel = os.path.relpath(src, plugin_dir).replace(os.sep, "/")
            if keep_plugin(rel):
                sub = os.path.dirname(rel)
                kept.append((src, f"{dest_root}/{sub}" if sub else dest_root))
            else:
                dropped.append(rel)
    return kept, dropped
