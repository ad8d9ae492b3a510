#!/usr/bin/env python3
"""Smoke test of the FROZEN svsg bundle, run the way a user runs it: no project venv, no PYTHONPATH, a fresh HOME,
a temporary working folder. Uses only the standard library (any python3 can run it).

    python3 installer/smoke_test.py [--bundle dist/svsg] [--no-xvfb] [--keep] [--json report.json]
    python3 installer/smoke_test.py --measure-only      # bundle size and start-up time only

Steps (each logged to WORK/logs/NAME.log): the bundle's own check (frozen, nothing loaded from outside it,
models/demo/translations present, onnxruntime providers), VLC playback of the demo through the pruned plugin
folder (offscreen with a dummy output, and embedded in a Qt window under Xvfb with a screen grab), one FFmpeg
(after VLC played the demo, PyAV decodes it in the same process: one copy of each FFmpeg library mapped, from
the bundle), the app started offscreen and under Xvfb, the CLI on the demo (models verified, label = extraction
+ clustering, export a CSV that is then read back) and on a file whose video codec (FFV1) the bundle's FFmpeg
leaves out (labelled from the voice, no crash). Fails on a non-zero exit, a missing output, or any ERROR / Traceback in a log.
Prints the bundle size and start-up times at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure_bundle  # noqa: E402  (installer/measure_bundle.py)
import smoke_steps as steps  # noqa: E402  (installer/smoke_steps.py)

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "svsg", help="the one-folder bundle")
    ap.add_argument("--work", type=Path, help="working folder (default: a new temporary one)")
    ap.add_argument("--no-xvfb", action="store_true", help="skip the steps that need Xvfb")
    ap.add_argument("--keep", action="store_true", help="keep the working folder")
    ap.add_argument("--json", type=Path, help="also write the report as JSON")
    ap.add_argument("--measure-only", action="store_true", help="print size and start-up time, run nothing else")
    ap.add_argument("--max-mb", type=int, default=measure_bundle.CEILING_MB,
                    help="fail above this unpacked size (default %(default)s; the GPU build needs ~1100)")
    args = ap.parse_args(argv)

    bundle = args.bundle.resolve()
    for exe in ("svsg", "svsg-desktop"):
        exe += ".exe" if os.name == "nt" else ""
        if not (bundle / exe).is_file():
            print(f"smoke_test: {bundle / exe} is missing: build it with `bash installer/build.sh`",
                  file=sys.stderr)
            return 2
    work = (args.work or Path(tempfile.mkdtemp(prefix="svsg-smoke-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    run = steps.Runner(bundle, work)
    run.max_mb = args.max_mb
    xvfb = None
    t0 = time.monotonic()
    try:
        if not args.no_xvfb:
            xvfb = steps.Xvfb.start(work)
            if xvfb is None:
                run.fail("xvfb", "Xvfb is not installed (apt-get install xvfb) or did not start; use --no-xvfb")
        if args.measure_only:
            measure_bundle.measure(run, xvfb)
        else:
            steps.check_bundle(run)
            steps.check_playback(run, xvfb)
            steps.check_gui(run, xvfb)
            steps.check_cli_pipeline(run)
            steps.check_codec_outside_ffmpeg(run)
            measure_bundle.measure(run, xvfb)
        run.scan_logs()
    finally:
        if xvfb is not None:
            xvfb.stop()
    report = run.report(time.monotonic() - t0)
    print(report["text"])
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in report.items() if k != "text"}, indent=1,
                                        ensure_ascii=False), encoding="utf-8")
    if args.keep or run.failures:
        print(f"smoke_test: logs kept in {work / 'logs'}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
