"""Image feature: does it say WHO is on screen or WHERE? Leave-one-out 1-NN accuracy of the image embedding
against the speaker and against the location, on generated demo episodes: whole frame (the original method)
vs the character pipeline (background model + speaker crop + colour cues).

    .venv/bin/python benchmarks/bench_image.py [--episodes 3] [--minutes 3] [--cache .cache/bench]
                                               [--encode source|x264-veryfast|x264-medium|x265-ultrafast] [--exact]

``--encode``: the episodes re-encoded like a release (B-frames, loop filter on; see ``bench_extract.ENCODES``);
with ``--exact`` every frame is decoded with its loop filter: the reference that shows what the frame pass's skips
(non-reference frames, the loop filter) cost the feature.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from svsg_desktop.core.demo.episode import make_episode
from svsg_desktop.core.features import image as img
from svsg_desktop.core.features.extract import FRAME_SIDE, PER_LINE, frame_targets
from svsg_desktop.core.media import grab_frames, read_index
from svsg_desktop.core.models.encoders import l2_normalise, load_encoder


def one_nn(x: np.ndarray, labels: np.ndarray) -> float:
    s = x @ x.T
    np.fill_diagonal(s, -np.inf)
    return float((labels[s.argmax(axis=1)] == labels).mean())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--episodes", type=int, default=3)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--cache", default=".cache/bench")
    ap.add_argument("--encode", default="source")
    ap.add_argument("--exact", action="store_true",
                    help="decode every frame with its loop filter (no skipping): the reference for the skips")
    args = ap.parse_args()
    if args.exact:
        from svsg_desktop.core.media import frames as frames_mod

        frames_mod.SKIP_NONREF, frames_mod.SKIP_LOOP_FILTER = False, ""
    from bench_extract import video_of   # benchmarks/ is this script's folder
    enc = load_encoder("image", device="cpu")
    rows = []
    for seed in range(args.episodes):
        out = Path(args.cache) / f"demo_s{seed}_m{args.minutes:g}"
        if not (out / "episode.mp4").is_file():
            make_episode(out, seed=seed, minutes=args.minutes)
        from svsg_desktop.core.demo.files import read_truth_csv

        truth = [t for t in read_truth_csv(out / "episode_truth.csv") if t.speaker]
        video = video_of(out, args.encode)
        index = read_index(video)   # the pipeline's choice of each line's frames
        targets = frame_targets([(t.start, max(t.end, t.start + 1)) for t in truth], index)
        g = grab_frames(video, targets, max_side=FRAME_SIDE, index=index)
        P = PER_LINE
        keep = [k for k in range(len(truth)) if P * k in g.frames]
        frames = [g.frames[P * k] for k in keep]
        spk = np.array([truth[k].speaker for k in keep])
        loc = np.array([truth[k].location for k in keep])
        vis = np.array([truth[k].speaker in truth[k].visible for k in keep])
        t0 = time.perf_counter()
        whole = enc.embed(frames)
        t1 = time.perf_counter()
        crops = img.line_crops(frames, [[g.frames[P * k + j] for j in range(1, P) if P * k + j in g.frames]
                                        for k in keep])
        emb = enc.embed([c.image for c in crops])
        char = img.combine(emb, np.stack([c.hist for c in crops]))
        t2 = time.perf_counter()
        crop_only = l2_normalise(emb)
        for name, x in (("whole frame", whole), ("character crop", crop_only), ("crop + colour", char)):
            rows.append((seed, name, one_nn(x, spk), one_nn(x, loc), one_nn(x[vis], spk[vis]), len(keep),
                         (t1 - t0) if name == "whole frame" else (t2 - t1)))
        fb = np.mean([c.fallback for c in crops])
        mo = np.array([c.motion for c in crops])
        prec = vis[mo].mean() if mo.any() else float("nan")
        acc_mo = one_nn(char[mo], spk[mo]) if mo.sum() > 1 else float("nan")
        print(f"episode seed {seed} ({args.encode}, {g.decoded} frames decoded): {len(keep)} lines, "
              f"speaker visible {vis.mean():.0%}, fallback {fb:.0%}, "
              f"mouth motion found {mo.mean():.0%} (speaker visible in {prec:.0%} of those; 1NN speaker among "
              f"them {acc_mo:.3f}, whole frame {one_nn(whole[mo], spk[mo]) if mo.sum() > 1 else float('nan'):.3f})")
    print()
    print(f"{'seed':>4} {'feature':<16} {'1NN speaker':>11} {'1NN location':>12} {'speaker (visible)':>17} "
          f"{'lines':>5} {'time s':>7}")
    for r in rows:
        print(f"{r[0]:>4} {r[1]:<16} {r[2]:>11.3f} {r[3]:>12.3f} {r[4]:>17.3f} {r[5]:>5} {r[6]:>7.2f}")
    for name in ("whole frame", "character crop", "crop + colour"):
        sel = [r for r in rows if r[1] == name]
        print(f"{'mean':>4} {name:<16} {np.mean([r[2] for r in sel]):>11.3f} {np.mean([r[3] for r in sel]):>12.3f}"
              f" {np.mean([r[4] for r in sel]):>17.3f}")


if __name__ == "__main__":
    main()
