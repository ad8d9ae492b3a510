#!/usr/bin/env bash
# Build PyAV from its source release against the bundle's one FFmpeg (installer/ffmpeg/build_ffmpeg.sh) and
# install it into a folder of its own that only the bundle build puts first on the path:
#
#   bash installer/ffmpeg/build_pyav.sh PYTHON [OUT]     # OUT defaults to build/ffmpeg; PyAV goes to OUT/site
#
# PyAV 12.3.0 is the newest release that builds against FFmpeg 5.1 (13.0 dropped FFmpeg 5; 12.x supports 5.0–6.1).
# The developer venv keeps PyPI's PyAV wheel (with its own FFmpeg): only the frozen bundle uses this build.
# The sdist comes from PyPI through pip; Cython and setuptools come from PyPI through pip's build isolation.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${1:?usage: build_pyav.sh PYTHON [OUT]}
OUT=$(realpath -m "${2:-build/ffmpeg}")
PREFIX=$OUT/prefix
SITE=$OUT/site
PYAV_VERSION=12.3.0
NICE="nice -n 10"
log() { echo "build_pyav.sh: $*"; }

[ -f "$PREFIX/lib/libavcodec.so.59" ] || { echo "build_pyav.sh: no FFmpeg in $PREFIX: run build_ffmpeg.sh" >&2; exit 1; }
STAMP_TEXT="av $PYAV_VERSION against $(cat "$PREFIX/.svsg-stamp" 2>/dev/null | cut -c1-40) $("$PY" -c 'import sys;print(sys.version.split()[0])')"
if [ -f "$SITE/.svsg-stamp" ] && [ "$(cat "$SITE/.svsg-stamp")" = "$STAMP_TEXT" ] && [ -d "$SITE/av" ]; then
  log "reusing $SITE (PyAV $PYAV_VERSION)"
  exit 0
fi
t0=$(date +%s)
rm -rf "$SITE" "$OUT/wheels" && mkdir -p "$OUT/wheels"
log "building PyAV $PYAV_VERSION from source against $PREFIX"
PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig LD_LIBRARY_PATH=$PREFIX/lib \
  $NICE "$PY" -m pip wheel -q --no-deps --no-binary av "av==$PYAV_VERSION" -w "$OUT/wheels" > "$OUT/pyav.log" 2>&1 \
  || { tail -30 "$OUT/pyav.log" >&2; echo "build_pyav.sh: PyAV build failed ($OUT/pyav.log)" >&2; exit 1; }
"$PY" -m pip install -q --no-deps --no-compile --target "$SITE" "$OUT"/wheels/av-"$PYAV_VERSION"-*.whl
find "$SITE" -name "*.so" -exec strip --strip-unneeded {} +
rm -rf "$SITE/bin"
# it must import and use this FFmpeg (not the venv's wheel, not Debian's)
PYTHONPATH=$SITE LD_LIBRARY_PATH=$PREFIX/lib "$PY" -c "
import av, sys
assert av.__file__.startswith('$SITE'), av.__file__
v = av.library_versions['libavcodec']
assert v[0] == 59, v
print('build_pyav.sh: PyAV', av.__version__, 'with libavcodec', '.'.join(map(str, v)), 'from $PREFIX/lib')
"
echo "$STAMP_TEXT" > "$SITE/.svsg-stamp"
log "PyAV built in $(( $(date +%s) - t0 )) s -> $SITE ($(du -sh "$SITE" | cut -f1))"
