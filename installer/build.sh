#!/usr/bin/env bash
# Build the Linux one-folder bundle of svsg and a distributable archive, from a clean clone, in one command:
#
#   bash installer/build.sh            # CPU build  -> dist/svsg/ + dist/svsg-VERSION-linux-ARCH.tar.gz
#   bash installer/build.sh --gpu      # GPU build (onnxruntime-gpu, CPU fallback) -> dist/gpu/svsg/ + ...-gpu.tar.gz
#
# Options: --no-archive (bundle only)  --archive-only (pack the existing bundle)  --clean (drop PyInstaller's
#          cache first)  --skip-setup (use .venv as is)  --two-ffmpeg (no FFmpeg/PyAV build: PyPI's PyAV wheel
#          with its own FFmpeg beside Debian's, as before; ~290 MB more)
# It runs .ci/setup when .venv is missing (system packages incl. VLC, the venv, the default ONNX models), adds
# PyInstaller (the `installer` extra), exports any missing model, builds the bundle's one FFmpeg and PyAV against
# it (installer/ffmpeg/, reused while unchanged), freezes installer/svsg.spec, strips symbols from the libraries,
# checks the frozen bundle once (SVSG_BUNDLE_SELFTEST=info) and packs dist/…tar.gz with a .desktop file and
# install.sh.
# An AppImage is not made: appimagetool is neither a Debian 12 package nor on PyPI (the PyPI "appimage" tools
# download it at run time, which an offline build cannot).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

VARIANT=cpu ARCHIVE=1 CLEAN=0 SETUP=1 FREEZE=1 ONE_FFMPEG=1
for a in "$@"; do
  case "$a" in
    --gpu) VARIANT=gpu ;;
    --no-archive) ARCHIVE=0 ;;
    --archive-only) FREEZE=0 SETUP=0 ;;
    --clean) CLEAN=1 ;;
    --skip-setup) SETUP=0 ;;
    --two-ffmpeg) ONE_FFMPEG=0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $a (see --help)" >&2; exit 2 ;;
  esac
done
NICE="nice -n 10"
log() { echo "build.sh: $*"; }

DIST=dist
[ "$VARIANT" = gpu ] && DIST=dist/gpu
BUNDLE=$DIST/svsg
PY=.venv/bin/python
[ "$VARIANT" = gpu ] && PY=build/venv-gpu/bin/python
if [ "$FREEZE" = 1 ]; then
  # 1. the environment the bundle is frozen from
  if [ "$SETUP" = 1 ] && [ ! -x .venv/bin/python ]; then
    log "no .venv yet: running .ci/setup"
    bash .ci/setup
  fi
  PY=.venv/bin/python
  if [ "$VARIANT" = gpu ]; then
    # onnxruntime and onnxruntime-gpu both install the `onnxruntime` module: never put both in one venv.
    GPUVENV=build/venv-gpu
    if [ ! -x "$GPUVENV/bin/python" ]; then
      log "creating $GPUVENV (onnxruntime-gpu instead of onnxruntime)"
      .venv/bin/python -m venv "$GPUVENV"
      $NICE "$GPUVENV/bin/python" -m pip install -q -e ".[installer]"
      "$GPUVENV/bin/python" -m pip uninstall -q -y onnxruntime
      $NICE "$GPUVENV/bin/python" -m pip install -q "onnxruntime-gpu>=1.17"
    fi
    PY=$GPUVENV/bin/python
  fi
  if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    log "installing PyInstaller (extra: installer)"
    $NICE "$PY" -m pip install -q -e ".[installer]"
  fi

  # 2. the default models (build outputs, verified against models/manifest.json)
  if .venv/bin/svsg models --help >/dev/null 2>&1; then
    $NICE .venv/bin/svsg models export --if-missing
  fi

  # 3. the one FFmpeg (Debian's 5.1 source, decode-only + x264/AAC) and PyAV built against it; both reused
  FREEZE_ENV=()
  if [ "$ONE_FFMPEG" = 1 ]; then
    bash installer/ffmpeg/build_ffmpeg.sh build/ffmpeg
    bash installer/ffmpeg/build_pyav.sh "$PY" build/ffmpeg
    FREEZE_ENV=(SVSG_ONE_FFMPEG=1 "PYTHONPATH=$ROOT/build/ffmpeg/site"
                "LD_LIBRARY_PATH=$ROOT/build/ffmpeg/prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
  fi

  # 4. freeze
  DIST=dist WORK=build/pyinstaller
  if [ "$VARIANT" = gpu ]; then DIST=dist/gpu WORK=build/pyinstaller-gpu; fi
  [ "$CLEAN" = 1 ] && rm -rf "$WORK"
  log "freezing installer/svsg.spec -> $DIST/svsg (variant $VARIANT)"
  t0=$(date +%s)
  STAMP=$DIST/svsg.build-started   # inputs older than this are in the bundle (tests/installer reuses a fresh one)
  mkdir -p "$DIST" && rm -f "$STAMP" && touch "$STAMP.tmp"
  env "${FREEZE_ENV[@]}" SVSG_VARIANT=$VARIANT $NICE "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --workpath "$WORK" --distpath "$DIST" installer/svsg.spec
  log "frozen in $(( $(date +%s) - t0 )) s"
  BUNDLE=$DIST/svsg
  # 5. strip symbol tables the libraries still carry (libpython alone 17 MB). Not the wheels' auditwheel-grafted
  # libraries in *.libs/ (patchelf-edited: numpy's OpenBLAS no longer loads once stripped) nor the executables
  # (their archive is appended to the ELF file).
  before=$(du -sb "$BUNDLE" | cut -f1) n=0
  while IFS= read -r -d '' f; do
    if readelf -S -W "$f" 2>/dev/null | grep -q ' \.symtab '; then
      strip --strip-unneeded "$f" && n=$((n + 1))
    fi
  done < <(find "$BUNDLE" -type f -name '*.so*' ! -path '*.libs/*' -print0)
  log "stripped $n libraries: $(( (before - $(du -sb "$BUNDLE" | cut -f1)) / 1000000 )) MB less"
  mv "$STAMP.tmp" "$STAMP"
  # build outputs may be owner-only (models are written 0600): make the bundle readable by every user
  chmod -R u+rwX,go+rX,go-w "$BUNDLE"

  # 6. one quick check of the frozen bundle, outside the venv
  env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" SVSG_BUNDLE_SELFTEST=info "$BUNDLE/svsg" > "$WORK/bundle-info.json"
  log "bundle check: $(tr -d '\n ' < "$WORK/bundle-info.json" | cut -c1-300)…"
  log "bundle size: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files"
fi
[ -x "$BUNDLE/svsg" ] || { echo "build.sh: no bundle in $BUNDLE" >&2; exit 1; }

# 7. the archive a user downloads
if [ "$ARCHIVE" = 1 ]; then
  VERSION=$(python3 -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
  NAME=svsg-$VERSION-linux-$(uname -m)
  [ "$VARIANT" = gpu ] && NAME=$NAME-gpu
  STAGE=build/stage/$NAME
  rm -rf "build/stage" && mkdir -p "$STAGE"
  cp -al "$BUNDLE" "$STAGE/svsg" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/svsg"   # hard links: no copy
  cp installer/linux/install.sh installer/linux/svsg-desktop.desktop "$STAGE/"
  cp docs/install.md "$STAGE/README-INSTALL.md" 2>/dev/null || true
  chmod 755 "$STAGE/install.sh"
  log "packing $DIST/$NAME.tar.gz"
  (cd build/stage && $NICE tar -c --owner=0 --group=0 "$NAME" | $NICE gzip -6 > "$ROOT/$DIST/$NAME.tar.gz")
  rm -rf build/stage
  log "archive: $DIST/$NAME.tar.gz ($(du -h "$DIST/$NAME.tar.gz" | cut -f1))"
fi
log "done. Try: $BUNDLE/svsg-desktop   or   python3 installer/smoke_test.py --bundle $BUNDLE"
