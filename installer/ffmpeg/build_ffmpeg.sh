#!/usr/bin/env bash
# Build the ONE FFmpeg the Linux bundle carries: Debian 12's own FFmpeg 5.1 source (the version libVLC's Debian
# plugins were built against, so libavcodec.so.59 & co. keep their ABI and versioned symbols), configured for
# what svsg does with it and nothing else:
#   * decode the codecs and containers of TV/anime/film/web episodes (list below; every parser and bitstream
#     filter), AV1 through libdav1d (the same libdav1d VLC's own AV1 plugin uses);
#   * encode only what `svsg demo make` writes: H.264 (libx264) + AAC in MP4;
#   * the few filters PyAV and VLC use (buffer/format/scale/resample);
#   * read local files only (file/pipe protocols); no devices, no network, no hardware glue, no programs, and no
#     external library picked up by chance (--disable-autodetect).
# Both users link to it: libVLC's avcodec/avformat/swscale plugins (Debian binaries) and PyAV (built from source
# against it by installer/ffmpeg/build_pyav.sh). Debian's FFmpeg drags 94 MB of encoder and codec libraries (x265,
# codec2, SVT-AV1, aom, rav1e, jxl, vpx…) that this build does without.
#
#   bash installer/ffmpeg/build_ffmpeg.sh [OUT]     # OUT defaults to build/ffmpeg; installs into OUT/prefix
#
# Needs: gcc, make, nasm, pkg-config, libx264-dev, libdav1d-dev (installed by `.ci/setup --dev` on Debian), and
# apt access to Debian's source packages (the source is fetched with apt-get from deb.debian.org through a private
# apt configuration under OUT: the system's apt sources are not touched). Reuses OUT/prefix when its stamp matches.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$(realpath -m "${1:-build/ffmpeg}")
PREFIX=$OUT/prefix
NICE="nice -n 10"
JOBS=${SVSG_BUILD_JOBS:-$(nproc)}
log() { echo "build_ffmpeg.sh: $*"; }

missing=()
for tool in gcc make pkg-config nasm xz; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
for pc in x264 dav1d; do pkg-config --exists "$pc" 2>/dev/null || missing+=("lib$pc-dev"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build_ffmpeg.sh: missing ${missing[*]}: apt-get install gcc make pkg-config nasm xz-utils libx264-dev" \
       "libdav1d-dev (or: bash .ci/setup --dev), or build with installer/build.sh --two-ffmpeg" >&2
  exit 1
fi

# The source version follows the installed Debian libavcodec (the ABI VLC's plugins were linked against).
DEBVER=$(dpkg-query -W -f '${Version}' libavcodec59 2>/dev/null || true)
if [ -z "$DEBVER" ]; then
  echo "build_ffmpeg.sh: Debian's libavcodec59 is not installed (VLC's avcodec plugin needs it): run .ci/setup" >&2
  exit 1
fi
UPVER=${DEBVER#*:}; UPVER=${UPVER%%-*}          # 7:5.1.9-0+deb12u1 -> 5.1.9

# What it decodes: the codecs of TV/anime/film/web episodes in MKV/MP4/AVI/TS/FLV/RM/WMV/OGG/WebM (old and new),
# not all 480 of FFmpeg's decoders: on a shared 2-core machine each object costs ~1.5 s, and the full set took
# most of an hour. A file with another codec is refused with FFmpeg's own "decoder not found" message.
DECODERS=(
  h264 hevc libdav1d vp8 vp9 mpeg4 msmpeg4v1 msmpeg4v2 msmpeg4v3 h263 h263p h263i flv mpeg1video mpeg2video
  vc1 wmv1 wmv2 wmv3 vp6 vp6a vp6f theora rv10 rv20 rv30 rv40 mjpeg png prores svq1 svq3 rawvideo
  aac aac_fixed aac_latm ac3 ac3_fixed eac3 mp1 mp1float mp2 mp2float mp3 mp3float mp3adu flac opus vorbis alac
  dca truehd mlp wmav1 wmav2 wmapro wmalossless cook ra_144 ra_288 sipr atrac3 amrnb amrwb nellymoser speex
  gsm gsm_ms adpcm_ms adpcm_ima_wav adpcm_ima_qt adpcm_swf tta wavpack ape
  pcm_s16le pcm_s16be pcm_s16le_planar pcm_s24le pcm_s24be pcm_s32le pcm_s32be pcm_f32le pcm_f32be pcm_f64le
  pcm_u8 pcm_s8 pcm_alaw pcm_mulaw pcm_bluray pcm_dvd
  ass ssa srt subrip webvtt mov_text dvdsub pgssub dvbsub text
)
DEMUXERS=(
  mov matroska avi flv live_flv mpegts mpegps mpegvideo m4v h264 hevc vc1 ivf ogg asf rm wtv mxf dv
  wav w64 aiff caf mp3 aac ac3 eac3 dts truehd mlp flac amr ape tta wv
  srt ass webvtt
)
join() { local IFS=,; echo "$*"; }
CONFIGURE=(
  --prefix="$PREFIX" --libdir="$PREFIX/lib" --shlibdir="$PREFIX/lib"
  --enable-shared --disable-static --enable-pic --disable-programs --disable-doc --disable-debug
  --disable-autodetect --enable-gpl --enable-libx264 --enable-libdav1d --enable-zlib --enable-iconv
  --disable-postproc --disable-network
  --disable-everything
  --enable-decoder="$(join "${DECODERS[@]}")" --enable-demuxer="$(join "${DEMUXERS[@]}")"
  --enable-parsers --enable-bsfs
  --enable-protocol=file,pipe
  --enable-encoder=libx264,aac --enable-muxer=mp4,mov
  --enable-filter=buffer,buffersink,abuffer,abuffersink,format,aformat,scale,aresample,null,anull,fps,setpts,asetpts
  --extra-version=svsg
)
# Every plugin the bundle keeps (installer/vlc_bundle.py) must find each versioned FFmpeg symbol it uses
# (LIBAVCODEC_59 …) in this build; the ones it leaves out (postproc, vdpau) are not checked.
check_vlc_abi() {
  local plugins ours need missing rel bad=0
  plugins=$(ls -d /usr/lib/*-linux-gnu/vlc/plugins 2>/dev/null | head -n 1)
  [ -n "$plugins" ] || { log "no VLC plugin folder: ABI check skipped"; return 0; }
  ours=$(nm -D --defined-only "$PREFIX"/lib/lib*.so.*.* | awk '{print $3}' | sed 's/@@/@/' | sort -u)
  while IFS= read -r -d '' plugin; do
    need=$(nm -D --undefined-only "$plugin" | awk '{print $2}' | grep -E '@LIB(AV|SW|POSTPROC)' | sort -u || true)
    [ -n "$need" ] || continue
    rel=${plugin#"$plugins"/}
    python3 -c "import sys; sys.path.insert(0, 'installer'); import vlc_bundle; sys.exit(0 if vlc_bundle.keep_plugin('$rel') else 1)" || continue
    missing=$(comm -23 <(echo "$need") <(echo "$ours"))
    if [ -n "$missing" ]; then
      echo "build_ffmpeg.sh: VLC's $rel needs symbols this FFmpeg lacks: $(echo "$missing" | tr '\n' ' ')" >&2
      bad=1
    fi
  done < <(find "$plugins" -name '*.so' -print0)
  [ "$bad" = 0 ] || exit 1
  log "ABI check: every FFmpeg symbol the bundled VLC plugins use is in $PREFIX/lib"
}

STAMP_TEXT="ffmpeg $UPVER (Debian $DEBVER) ${CONFIGURE[*]}"
if [ -f "$PREFIX/.svsg-stamp" ] && [ "$(cat "$PREFIX/.svsg-stamp")" = "$STAMP_TEXT" ] \
   && [ -f "$PREFIX/lib/libavcodec.so.59" ]; then
  log "reusing $PREFIX (FFmpeg $UPVER)"
  check_vlc_abi
  exit 0
fi

# 1. the source: Debian's source package, fetched and verified by apt (signed Sources index -> hashes)
SRC=$OUT/src
TARBALL=$SRC/ffmpeg_$UPVER.orig.tar.xz
if [ ! -f "$TARBALL" ]; then
  mkdir -p "$SRC" "$OUT/apt/lists/partial"
  CODENAME=$( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-bookworm}" || echo bookworm)
  printf 'deb-src http://deb.debian.org/debian %s main\ndeb-src http://deb.debian.org/debian %s-updates main\ndeb-src http://deb.debian.org/debian-security %s-security main\n' \
    "$CODENAME" "$CODENAME" "$CODENAME" > "$OUT/apt/sources.list"
  APT=(-o "Dir::Etc::SourceList=$OUT/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
       -o "Dir::State::Lists=$OUT/apt/lists" -o APT::Sandbox::User=root)
  log "fetching Debian's ffmpeg $DEBVER source with apt-get"
  apt-get "${APT[@]}" -q update >/dev/null
  (cd "$SRC" && apt-get "${APT[@]}" -q source --download-only "ffmpeg=$DEBVER" >/dev/null)
  [ -f "$TARBALL" ] || { echo "build_ffmpeg.sh: apt-get source gave no $TARBALL" >&2; exit 1; }
fi

# 2. configure + build
WORK=$OUT/work
rm -rf "$WORK" "$PREFIX" && mkdir -p "$WORK"
tar -xJf "$TARBALL" -C "$WORK" --strip-components=1
t0=$(date +%s)
log "configuring FFmpeg $UPVER (decoders + x264/AAC encoders, shared)"
(cd "$WORK" && $NICE ./configure "${CONFIGURE[@]}" > "$OUT/configure.log" 2>&1) \
  || { tail -30 "$OUT/configure.log" >&2; echo "build_ffmpeg.sh: configure failed ($OUT/configure.log)" >&2; exit 1; }
log "compiling with $JOBS jobs"
(cd "$WORK" && $NICE make -j"$JOBS" > "$OUT/make.log" 2>&1 && make install >> "$OUT/make.log" 2>&1) \
  || { tail -30 "$OUT/make.log" >&2; echo "build_ffmpeg.sh: make failed ($OUT/make.log)" >&2; exit 1; }
strip --strip-unneeded "$PREFIX"/lib/lib*.so.*.*
echo "$STAMP_TEXT" > "$PREFIX/.svsg-stamp"
rm -rf "$WORK"
check_vlc_abi
log "FFmpeg $UPVER built in $(( $(date +%s) - t0 )) s -> $PREFIX/lib ($(du -sh "$PREFIX/lib" | cut -f1))"
