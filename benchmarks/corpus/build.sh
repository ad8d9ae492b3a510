#!/bin/sh
# Build the cross-domain grouping corpus (data into a cache folder, never committed).
#   benchmarks/corpus/build.sh [CACHE_DIR] [--domains espeak,dutch,...] [--quick]
# CACHE_DIR defaults to $SVSG_CORPUS or .cache/corpus (relative to the current folder). The festival, cast and
# sound domains use Festival when it is installed (the festival domain needs it):
#   apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
# The real-speech domains download Debian packages with `apt-get download` (run `apt-get update` first if needed)
# and pyannote's sample with `pip download`.
set -eu
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${SVSG_CORPUS:-.cache/corpus}"
case "${1:-}" in -*|"") ;; *) OUT="$1"; shift ;; esac
PY="${PYTHON:-python}"
[ -z "${PYTHON:-}" ] && [ -x "$ROOT/.venv/bin/python" ] && PY="$ROOT/.venv/bin/python"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
exec nice "$PY" -m benchmarks.corpus.build --out "$OUT" "$@"
