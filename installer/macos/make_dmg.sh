#!/usr/bin/env bash
# macOS: turn dist/svsg.app (made by `pyinstaller installer/svsg.spec` on a Mac with VLC.app installed) into a
# compressed disk image with an /Applications link, so users drag the app across.
# NOT RUN HERE (no macOS machine in this project); written from hdiutil(1) and codesign(1). See README.md here.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP=dist/svsg.app
[ -d "$APP" ] || { echo "make_dmg.sh: $APP missing: build it first (installer/macos/README.md)" >&2; exit 1; }
VERSION=$(python3 -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
ARCH=$(uname -m)
# Sign: with a Developer ID when SVSG_CODESIGN_ID is set (then notarise), ad-hoc otherwise (runs on this Mac,
# Gatekeeper asks the user to confirm once: right-click > Open).
IDENTITY=${SVSG_CODESIGN_ID:--}
if [ "$IDENTITY" = "-" ]; then
  codesign --force --deep --sign - "$APP"
else  # notarisation needs the hardened runtime; libVLC loads its plugins and onnxruntime maps executable memory
  codesign --force --deep --options runtime --timestamp --entitlements installer/macos/entitlements.plist \
    --sign "$IDENTITY" "$APP"
fi
codesign --verify --deep --strict "$APP"
STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
cp installer/licenses/NOTICE.txt "$STAGE/Licences.txt"
DMG=dist/svsg-$VERSION-macos-$ARCH.dmg
rm -f "$DMG"
hdiutil create -volname "svsg $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
rm -rf "$STAGE"
if [ "$IDENTITY" != "-" ] && [ -n "${SVSG_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$DMG" --keychain-profile "$SVSG_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "make_dmg.sh: $DMG"
