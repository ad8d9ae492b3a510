#!/bin/sh
# Build the cross-domain grouping corpus (data into a cache folder, never committed).
#   benchmarks/corpus/build.sh [CACHE_DIR] [--domains espeak,dutch,...] [--quick]
# CACHE_DIR defaults to $SVSG_CORPUS or .cache/corpus. The festival domain needs Festival:
#   apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
# The real-speech domains download Debian packages with `apt-get download` (run `apt-get update` first if needed).
set -eu
cd "$(dirname "$0")/../.."
OUT="${SVSG_CORPUS:-.cache/corpus}"
case "${1:-}" in -*|"") ;; *) OUT="$1"; shift ;; esac
PY="${PYTHON:-python}"
[ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ] && PY=.venv/bin/python
exec nice "$PY" -m benchmarks.corpus.build --out "$OUT" "$@"
