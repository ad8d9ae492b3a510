#!/bin/sh
# Per-user install of svsg (no root, no internet): copies the bundle to ~/.local/share/svsg, links the two
# commands into ~/.local/bin and adds a menu entry. Run it from the unpacked archive:
#     ./install.sh              install (or update)
#     ./install.sh --uninstall  remove everything it installed
# PREFIX (default ~/.local) changes where it goes.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
APPDIR=$PREFIX/share/svsg
BINDIR=$PREFIX/bin
DESKDIR=${XDG_DATA_HOME:-$PREFIX/share}/applications
ICONDIR=$PREFIX/share/icons/hicolor/256x256/apps

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$APPDIR"
  for f in "$BINDIR/svsg" "$BINDIR/svsg-desktop"; do
    if [ -L "$f" ]; then rm -f "$f"; fi
  done
  rm -f "$DESKDIR/svsg-desktop.desktop" "$ICONDIR/svsg.png"
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DESKDIR" >/dev/null 2>&1 || true
  echo "svsg removed (your projects and exported files are untouched)"
  exit 0
fi

if [ ! -x "$HERE/svsg/svsg-desktop" ]; then
  echo "install.sh: no svsg/svsg-desktop next to this script: run it from the unpacked archive" >&2
  exit 1
fi
mkdir -p "$APPDIR" "$BINDIR" "$DESKDIR"
# replace an older copy in one step: copy beside it, then swap
rm -rf "$APPDIR.new"
cp -R "$HERE/svsg" "$APPDIR.new"
rm -rf "$APPDIR"
mv "$APPDIR.new" "$APPDIR"
ln -sf "$APPDIR/svsg" "$BINDIR/svsg"
ln -sf "$APPDIR/svsg-desktop" "$BINDIR/svsg-desktop"

ICON=svsg
PNG=$(find "$APPDIR" -path "*resources/icons/*" -name "svsg*.png" 2>/dev/null | sort | tail -n 1)
if [ -n "$PNG" ]; then
  mkdir -p "$ICONDIR" && cp "$PNG" "$ICONDIR/svsg.png"
else
  ICON=video-x-generic
fi
sed -e "s|@BIN@|$APPDIR|g" -e "s|@ICON@|$ICON|g" "$HERE/svsg-desktop.desktop" > "$DESKDIR/svsg-desktop.desktop"
chmod 644 "$DESKDIR/svsg-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DESKDIR" >/dev/null 2>&1 || true

echo "svsg installed in $APPDIR"
echo "  start it from your applications menu (svsg), or run: $BINDIR/svsg-desktop"
case ":$PATH:" in *":$BINDIR:"*) ;; *) echo "  (add $BINDIR to your PATH to type 'svsg' and 'svsg-desktop' in a terminal)";; esac
