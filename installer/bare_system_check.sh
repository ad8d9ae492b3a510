#!/usr/bin/env bash
# The bundle alone on a bare Debian 12: no Python, no VLC, no Qt, none of the project's files but the demo.
#   sudo bash installer/bare_system_check.sh [dist/svsg]        (root, a Debian mirror, ~3 min, ~1 GB in /tmp)
# 1. debootstrap a minimal Debian (minbase) into a temporary folder, copy the bundle into /opt/svsg;
# 2. in a chroot, with the bundle alone: the CLI labels the demo and exports a Chat-Haruhi CSV;
# 3. add only the graphics libraries every desktop has (PyInstaller leaves libxcb/libGL/libEGL/Wayland to the
#    system) and play the demo through the bundled libVLC (dummy output), then start the app offscreen and, with
#    Xvfb on the host, play the demo embedded in a Qt window.
# Not part of CI (it needs a Debian mirror); the CI smoke test runs the same checks on the build machine.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "bare_system_check.sh: run as root (debootstrap, chroot, mount)" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/dist/svsg}" && pwd)
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
C=$(mktemp -d /tmp/svsg-bare.XXXXXX)
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  for m in "$C/tmp/.X11-unix" "$C/dev" "$C/proc"; do mountpoint -q "$m" && umount "$m"; done
  rm -rf "$C"
}
trap cleanup EXIT
say() { echo "bare_system_check: $*"; }

say "debootstrap minbase bookworm -> $C"
nice -n 10 debootstrap --variant=minbase bookworm "$C" "$MIRROR" > "$C.debootstrap.log" 2>&1 \
  || { tail -20 "$C.debootstrap.log"; exit 1; }
rm -f "$C.debootstrap.log"
for tool in python3 vlc; do
  if chroot "$C" sh -c "command -v $tool" >/dev/null; then say "unexpected: $tool in the bare system"; exit 1; fi
done
mkdir -p "$C/opt" "$C/work/home" "$C/tmp/.X11-unix"
cp -a "$BUNDLE" "$C/opt/svsg"
cp -r "$ROOT/resources/demo" "$C/work/demo"
mount -t proc proc "$C/proc"
mount --bind /dev "$C/dev"
cp /etc/resolv.conf "$C/etc/resolv.conf"
E="env -i PATH=/usr/bin:/bin HOME=/work/home LANG=C.UTF-8 XDG_RUNTIME_DIR=/tmp SVSG_VLC_ARGS=--aout=adummy"
run() { chroot "$C" sh -c "cd /work && $*"; }

say "2. CLI with the bundle alone: label + export"
run "$E /opt/svsg/svsg label demo/demo.mp4 --subs demo/demo.srt --out demo/demo.svsg.csv -q"
run "$E /opt/svsg/svsg export demo/demo.svsg.csv --format haruhi-csv --out demo/haruhi.csv"
[ "$(run "wc -l < demo/haruhi.csv")" -gt 1 ] || { say "no rows exported"; exit 1; }

say "3. + desktop graphics libraries (libxcb1 libgl1 libegl1 …), then VLC and the app"
run "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libxcb1 libgl1 libegl1 libdrm2 libwayland-client0 libwayland-cursor0 libwayland-egl1 libxcb-dri3-0 libgles2 \
  fonts-dejavu-core fontconfig-config >/dev/null"
run "$E QT_QPA_PLATFORM=offscreen SVSG_BUNDLE_SELFTEST=vlc /opt/svsg/svsg demo/demo.mp4 2>/dev/null" | tr -d '\n '
echo
run "$E QT_QPA_PLATFORM=offscreen /opt/svsg/svsg-desktop demo/demo.mp4 --subtitles demo/demo.srt \
  --screenshot /work/app.png --quit-after 5 >/dev/null 2>&1"
[ -s "$C/work/app.png" ] || { say "the app made no window picture offscreen"; exit 1; }
if command -v Xvfb >/dev/null; then
  mount --bind /tmp/.X11-unix "$C/tmp/.X11-unix"
  Xvfb -displayfd 4 -screen 0 1280x800x24 -nolisten tcp 4>"$C.display" 2>/dev/null &
  XVFB_PID=$!
  for _ in $(seq 50); do [ -s "$C.display" ] && break; sleep 0.1; done
  DISP=":$(cat "$C.display")"; rm -f "$C.display"
  run "$E DISPLAY=$DISP QT_QPA_PLATFORM=xcb SVSG_BUNDLE_SELFTEST=vlc /opt/svsg/svsg demo/demo.mp4 2>/dev/null" \
    | tr -d '\n '
  echo
fi
say "PASSED: the bundle labels, exports, plays and shows the app on a bare Debian 12"
