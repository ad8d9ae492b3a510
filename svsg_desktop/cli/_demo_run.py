"""``svsg demo run``: the README's first command. Opens the app on the bundled demo episode when there is a
display; without one, labels the demo headless, writes the labeled project CSV (+ an ASS with speaker names) and
prints the metrics against the demo's ground truth."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ._common import TextProgress


def add_run(actions) -> None:
    p = actions.add_parser("run", help="open the bundled demo episode grouped in the app (without a display: label it)",
                           description="Copy the bundled demo episode to OUT and open it in the app; without a "
                                       "display, label it from the command line and print the metrics.")
    p.add_argument("--out", type=Path, default=Path("out/demo"),
                   help="working folder for the copy and the results (default out/demo)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--gui", action="store_true", help="always open the app")
    mode.add_argument("--no-gui", action="store_true", help="never open the app: label headless")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=run_demo)


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def truth_by_line(project, truth_csv: Path) -> dict[str, str]:
    """Ground-truth speaker for each project line, matched by start/end time (ms)."""
    from ..core.demo import read_truth_csv

    truth = {(t.start, t.end): t.speaker for t in read_truth_csv(truth_csv)}
    out = {}
    for ln in project.ordered():
        out[ln.id] = truth.get((ln.start, ln.end), "")
    return out


def metrics_table(project, truth: dict[str, str]) -> str:
    from ..core.metrics import score

    ids = [i for i in project.order if truth.get(i)]
    pred = [project.lines[i].cluster for i in ids]
    s = score([truth[i] for i in ids], pred)
    groups = len({c for c in pred if c is not None})
    rows = [
        ("labeled lines scored", f"{s.n_lines}"),
        ("true speakers / groups found", f"{len(set(truth[i] for i in ids))} / {groups}"),
        ("edge precision / recall / F1", f"{s.edge_precision:.3f} / {s.edge_recall:.3f} / {s.edge_f1:.3f}"),
        ("B-cubed precision / recall / F1",
         f"{s.bcubed_precision:.3f} / {s.bcubed_recall:.3f} / {s.bcubed_f1:.3f}"),
        ("operations D / A / J (total)", f"{s.deletes} / {s.adds} / {s.joins} ({s.ops})"),
        ("operations per 100 lines", f"{s.ops_per_100:.1f}"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def run_demo(args: argparse.Namespace) -> int:
    from ..core.demo import copy_demo

    files = copy_demo(args.out)
    if args.gui or (has_display() and not args.no_gui):
        from ..app import main as app_main

        print(f"opening the demo episode in the app: {files.video}")
        return app_main([str(files.video), "--subtitles", str(files.ass), "--group"])

    from ..core import workspace
    from ..core.io.exports import export_project

    print(f"no display: labeling the demo episode from the command line ({files.video})")
    # the ASS (not the SRT) marks the opening title card as a sign (non-dialogue): it is kept but not grouped
    done = workspace.label(files.video, files.ass, progress=TextProgress(quiet=args.quiet))
    project = done.project
    csv_out = workspace.save(project, done.path)      # the project CSV the app reopens beside the demo video
    ass_out = args.out / "demo.labeled.ass"
    export_project(project, ass_out, "ass")
    print(f"wrote {csv_out}")
    print(f"wrote {ass_out}")
    print()
    print("metrics against the demo's ground truth (svsg_desktop/core/metrics.py, method.md):")
    print(metrics_table(project, truth_by_line(project, files.truth_csv)))
    return 0
