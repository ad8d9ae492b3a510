"""Feature extraction speed on the generated 22-minute 1280×720 24 fps ~350-line demo episode, against a full
decode of every video frame of the same file measured in the same run (target: the frame pass ≤ 0.5× of it), and
against the previous frame pass (one sequential pass over every frame, each line's frames from its midpoint),
with the image feature's speaker 1-NN accuracy of both (no loss allowed). Optionally also the seed-style
per-line baseline (per line its own decoder for the audio clip and another for the frame, one encoder call per
file).

    .venv/bin/python benchmarks/bench_extract.py [--episode DIR | --minutes 22 --width 1280 --height 720 --fps 24]
                                                 [--cache .cache/bench] [--baseline-lines N]

Each side runs in its own fresh process (peak memory = that process's max RSS). ``--baseline-lines N`` times the
seed-style baseline on the first N lines and scales it linearly to all lines (said so in the table).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np


def episode(args) -> Path:
    from svsg_desktop.core.demo.episode import make_episode

    if args.episode:
        return Path(args.episode)
    out = Path(args.cache) / f"ep{args.minutes:g}m_{args.height}p_{args.fps}fps_s{args.seed}"
    if not (out / "episode.mp4").is_file():
        print(f"generating the {args.minutes:g}-minute {args.height}p demo episode in {out} …", flush=True)
        make_episode(out, seed=args.seed, minutes=args.minutes, width=args.width, height=args.height, fps=args.fps)
    return out


def truth_of(out: Path):
    from svsg_desktop.core.demo.files import read_truth_csv

    return read_truth_csv(out / "episode_truth.csv")


def lines_of(out: Path):
    return [t.to_line(i) for i, t in enumerate(truth_of(out))]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds of this process and of the processes it ran (the baseline's ffmpeg calls)."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def image_1nn(fs, speakers: list[str]) -> float:
    """Speaker 1-NN accuracy of the image feature over dialogue lines with a valid image (cosine)."""
    keep = np.array([bool(s) for s in speakers]) & fs.valid_image
    x, spk = fs.image[keep], np.array(speakers)[keep]
    sim = x @ x.T
    np.fill_diagonal(sim, -np.inf)
    return float((spk[sim.argmax(axis=1)] == spk).mean()) if len(spk) > 1 else float("nan")


def run_ours(out: Path, device: str, method: str) -> dict:
    """``method="auto"``: today's choice per file; ``"sequential"``: the earlier one pass over every frame with
    each line's frames from its midpoint (the previous pipeline)."""
    from svsg_desktop.core.features import extract as ex
    from svsg_desktop.core.media import grab_frames, read_index

    lines = lines_of(out)
    t, c = time.perf_counter(), cpu_s()
    fs = ex.extract_features(out / "episode.mp4", lines, cache_dir=None, device=device, frame_method=method)
    total, cpu = time.perf_counter() - t, cpu_s() - c
    res = dict(fs.timings)
    res.update(total=total, cpu=cpu, peak_mb=peak_mb(), lines=len(lines), provider=fs.provider,
               valid_voice=int(fs.valid_voice.sum()), valid_image=int(fs.valid_image.sum()),
               image_1nn=image_1nn(fs, [t.speaker for t in truth_of(out)]))
    # the frame pass alone, again, for its CPU time, its choice and the frames it decoded
    spans = [ex._clip_window(ln) for ln in lines]
    c, t = cpu_s(), time.perf_counter()
    index = read_index(out / "episode.mp4") if method != "sequential" else None
    grab = grab_frames(out / "episode.mp4", ex.frame_targets(spans, index), max_side=ex.FRAME_SIDE, method=method,
                       index=index)
    res.update(frames_alone=time.perf_counter() - t, frames_cpu=cpu_s() - c, frame_method=grab.method,
               decoded=grab.decoded)
    if method == "auto":
        cache = out / "bench_cache"
        shutil.rmtree(cache, ignore_errors=True)
        ex.extract_features(out / "episode.mp4", lines, cache_dir=cache, device=device)
        t = time.perf_counter()
        ex.extract_features(out / "episode.mp4", lines, cache_dir=cache, device=device)
        res["reopen_cached"] = time.perf_counter() - t
        shutil.rmtree(cache, ignore_errors=True)
    return res


def run_full_decode(out: Path) -> dict:
    """Every video frame decoded, nothing else: the ``ffmpeg`` binary (``-f null``) when it exists, else the same
    FFmpeg libraries through PyAV with decoder threads."""
    video = out / "episode.mp4"
    t, c = time.perf_counter(), cpu_s()
    if shutil.which("ffmpeg"):
        subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), "-map", "0:v", "-f", "null", "-"], check=True)
        n, tool = -1, "ffmpeg -f null"
    else:
        import av

        with av.open(str(video)) as cont:
            st = cont.streams.video[0]
            st.thread_type = "AUTO"
            n = sum(1 for _ in cont.decode(st))
        tool = "PyAV (FFmpeg libavcodec, threads)"
    return {"total": time.perf_counter() - t, "cpu": cpu_s() - c, "frames": n, "tool": tool}


def _ffmpeg_clip(video: Path, a: float, b: float) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{a:.3f}", "-t", f"{b - a:.3f}", "-i", str(video),
                          "-vn", "-ac", "1", "-ar", "16000", "-f", "f32le", "-"], capture_output=True, check=True)
    return np.frombuffer(raw.stdout, np.float32)


def _ffmpeg_frame(video: Path, t: float, w: int, h: int) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{t:.3f}", "-i", str(video), "-frames:v", "1",
                          "-s", f"{w}x{h}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True,
                         check=True)
    return np.frombuffer(raw.stdout, np.uint8).reshape(h, w, 3)


def _pyav_clip(video: Path, a: float, b: float) -> np.ndarray:
    import av

    with av.open(str(video)) as c:
        s = c.streams.audio[0]
        c.seek(int(a / s.time_base), stream=s)
        rs = av.AudioResampler(format="flt", layout="mono", rate=16000)
        out = []
        for f in c.decode(s):
            if f.time is not None and f.time > b:
                break
            for o in rs.resample(f):
                out.append(o.to_ndarray().reshape(-1))
        return np.concatenate(out) if out else np.zeros(0, np.float32)


def _pyav_frame(video: Path, t: float, w: int, h: int) -> np.ndarray:
    import av

    with av.open(str(video)) as c:
        s = c.streams.video[0]
        c.seek(int(t / s.time_base), stream=s)
        for f in c.decode(s):
            if f.time is not None and f.time >= t:
                return f.to_ndarray(format="rgb24", width=w, height=h)
    return np.zeros((h, w, 3), np.uint8)


def run_baseline(out: Path, n: int | None) -> dict:
    from svsg_desktop.core.models.encoders import load_encoder

    lines = [ln for ln in lines_of(out)]
    use = lines[:n] if n else lines
    video = out / "episode.mp4"
    ff = shutil.which("ffmpeg") is not None
    clip_fn, frame_fn = (_ffmpeg_clip, _ffmpeg_frame) if ff else (_pyav_clip, _pyav_frame)
    venc, ienc = load_encoder("voice", device="cpu"), load_encoder("image", device="cpu")
    t0, c0 = time.perf_counter(), cpu_s()
    clips = [clip_fn(video, ln.start / 1000, ln.end / 1000) for ln in use]
    t1 = time.perf_counter()
    frames = [frame_fn(video, (ln.start + ln.end) / 2000, 640, 360) for ln in use]
    t2 = time.perf_counter()
    for c in clips:
        if len(c) > 1600:
            venc.embed([c])
    t3 = time.perf_counter()
    for f in frames:
        ienc.embed([f])
    t4 = time.perf_counter()
    scale = len(lines) / len(use)
    return {"audio_slicing": (t1 - t0) * scale, "frames": (t2 - t1) * scale, "voice_encoder": (t3 - t2) * scale,
            "image_encoder": (t4 - t3) * scale, "total": (t4 - t0) * scale, "peak_mb": peak_mb(),
            "cpu": (cpu_s() - c0) * scale,
            "lines": len(lines), "measured_lines": len(use), "tool": "ffmpeg process" if ff else "PyAV container"}


def child(side: str, args) -> dict:
    cmd = [sys.executable, __file__, "--child", side, "--minutes", str(args.minutes), "--width", str(args.width),
           "--height", str(args.height), "--fps", str(args.fps), "--cache", args.cache, "--seed", str(args.seed),
           "--device", args.device, "--baseline-lines", str(args.baseline_lines)]
    if args.episode:
        cmd += ["--episode", args.episode]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit(f"{side} run failed")
    return json.loads(r.stdout.strip().splitlines()[-1])


def run_child(args, out: Path) -> dict:
    if args.child == "full":
        return run_full_decode(out)
    if args.child == "baseline":
        return run_baseline(out, args.baseline_lines if args.baseline_lines > 0 else None)
    return run_ours(out, args.device, "auto" if args.child == "ours" else "sequential")


def _row(name: str, a: float, b: float | None, unit: str = "{:9.2f}") -> str:
    bs = f"{b:11.2f}" if b is not None else f"{'—':>11}"
    ratio = f"{a / b:7.2f}" if b else f"{'':>7}"
    return f"{name:<26} {unit.format(a)} {bs} {ratio}"


def print_decode_table(ours: dict, before: dict, full: dict) -> None:
    print(f"\nfull decode of every video frame ({full['tool']}): {full['total']:.2f} s wall, "
          f"{full['cpu']:.2f} s CPU; each side below ran in its own process, one after the other")
    print(f"{'':<26} {'now':>9} {'before':>11} {'now/before':>7}")
    for name, key in (("frames stage, in extract", "frames"), ("frame pass alone, wall", "frames_alone"),
                      ("frame pass alone, CPU", "frames_cpu"), ("character crops", "image_crops"),
                      ("image encoder", "image_encoder"), ("voice encoder (beside)", "voice_encoder"),
                      ("VAD + stats (beside)", "vad_stats"), ("extract total, wall", "total"),
                      ("extract total, CPU", "cpu"), ("peak memory (MB)", "peak_mb")):
        print(_row(name, ours.get(key, 0.0), before.get(key, 0.0)))
    d_now, d_before = ours["decoded"], before["decoded"]
    print(f"{'frames decoded':<26} {d_now:9d} {d_before:11d} {d_now / max(d_before, 1):7.2f}")
    print(_row("image speaker 1-NN", ours["image_1nn"], before["image_1nn"], "{:9.3f}"))
    print(f"frame strategy: now {ours['frame_method']} (lines' frames at their cheapest time), before "
          f"{before['frame_method']} (midpoints); valid image {ours['valid_image']} / {before['valid_image']} of "
          f"{ours['lines']}")
    ratio_w, ratio_c = ours["frames_alone"] / full["total"], ours["frames_cpu"] / max(full["cpu"], 1e-9)
    print(f"frame pass / full decode: {ratio_w:.2f}× wall, {ratio_c:.2f}× CPU (before: "
          f"{before['frames_alone'] / full['total']:.2f}× / {before['frames_cpu'] / max(full['cpu'], 1e-9):.2f}×); "
          f"target ≤ 0.50× → {'MET' if ratio_w <= 0.5 else 'MISSED'}; extract total / full decode: "
          f"{ours['total'] / full['total']:.2f}× (before {before['total'] / full['total']:.2f}×)")
    print(f"image 1-NN (trained on: ImageNet encoder, no svsg training; tested on: this synthetic demo episode): "
          f"{ours['image_1nn']:.3f} now vs {before['image_1nn']:.3f} before → "
          f"{'no loss' if ours['image_1nn'] >= before['image_1nn'] - 0.005 else 'LOSS'}")


def print_baseline_table(ours: dict, base: dict) -> None:
    print(f"\nseed-style baseline: one {base['tool']} per line for the clip and another for the frame, one encoder "
          f"call per file" + (f" (timed on {base['measured_lines']} lines, scaled)"
                              if base["measured_lines"] != base["lines"] else ""))
    rows = [("audio slicing", ours.get("audio_slicing", 0), base["audio_slicing"]),
            ("frames", ours.get("frames", 0), base["frames"]),
            ("voice encoder", ours.get("voice_encoder", 0), base["voice_encoder"]),
            ("image encoder", ours.get("image_encoder", 0), base["image_encoder"]),
            ("total", ours["total"], base["total"]),
            ("total CPU time (s)", ours["cpu"], base["cpu"])]
    print(f"{'stage':<26} {'svsg s':>9} {'baseline s':>11} {'svsg/base':>7}")
    for name, a, b in rows:
        print(_row(name, a, b))
    print(f"targets: total ≤ 60 s → {'MET' if ours['total'] <= 60 else 'MISSED'}; ≥ 5× baseline → "
          f"{base['total'] / ours['total']:.1f}× {'MET' if base['total'] >= 5 * ours['total'] else 'MISSED'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=22.0)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=720)
    ap.add_argument("--fps", type=int, default=24)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cache", default=".cache/bench")
    ap.add_argument("--episode", default="", help="an existing `svsg demo make` folder instead of generating one")
    ap.add_argument("--device", default="cpu", choices=["cpu", "auto", "cuda"])
    ap.add_argument("--baseline-lines", type=int, default=0,
                    help="also time the seed-style per-line baseline on N lines, scaled (-1: all lines)")
    ap.add_argument("--child", choices=["ours", "before", "full", "baseline"])
    args = ap.parse_args()
    out = episode(args)
    if args.child:
        print(json.dumps(run_child(args, out)))
        return
    full = child("full", args)
    ours = child("ours", args)
    before = child("before", args)
    print(f"\nepisode: {out / 'episode.mp4'} — {ours['lines']} lines; provider {ours['provider']}; reopen with "
          f"cache {ours['reopen_cached']:.2f} s")
    print_decode_table(ours, before, full)
    if args.baseline_lines:
        print_baseline_table(ours, child("baseline", args))
    print(f"load average during the runs: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores (wall times grow with other users' load; CPU time much less)")


if __name__ == "__main__":
    main()
