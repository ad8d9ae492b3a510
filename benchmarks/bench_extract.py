"""Feature extraction speed on the generated 22-minute 1280×720 24 fps ~350-line demo episode, in several encodes of
the same pictures: the demo's own (x264 *ultrafast*: no B-frames, no loop filter) and release-like re-encodes
(x264 veryfast / medium, HEVC: B-frames, loop filter on, keyframes at scene cuts and at least every 10 s). Per
encode, the frame pass is timed against a full decode of every frame of the same file measured in the same run
(the same FFmpeg libraries through PyAV, decoder threads on; target: the frame pass ≤ 0.5× of it), and against a
reference frame pass (one sequential pass over every frame, each line's frames from its midpoint; or, with
``--before-tree DIR``, the frame pass of another checkout, e.g. a worktree of main), with the image feature's
speaker 1-NN accuracy of both (no loss allowed) and, with ``--psnr``, how far the frames given are from an exact
decode of the same frames (PSNR, dB); with ``--exact``, what the skips (non-reference frames, the loop filter) save
and cost: the same plan decoded without them.

    .venv/bin/python benchmarks/bench_extract.py [--episode DIR | --minutes 22 --width 1280 --height 720 --fps 24]
        [--encodes source,x264-veryfast,x265-ultrafast] [--before-tree DIR] [--psnr] [--exact] [--extract]
        [--cache .cache/bench] [--baseline-lines N]

Re-encodes are made once (PyAV/libx264, libx265) beside the episode, ``episode.<encode>.mp4``. Each side runs in
its own fresh process (peak memory = that process's max RSS). ``--extract`` also times the whole
``extract_features`` (audio branch beside the frames) on each encode. ``--baseline-lines N`` times the seed-style
per-line baseline on the first N lines and scales it linearly to all lines (said so in the table).
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
from fractions import Fraction
from pathlib import Path

import numpy as np

# release-like encodes: B-frames, the loop filter on, a keyframe at scene cuts and at least every 10 s (24 fps)
ENCODES = {
    "x264-veryfast": ("libx264", {"preset": "veryfast", "crf": "22",
                                   "x264-params": "keyint=240:min-keyint=24:scenecut=40:bframes=3:b-pyramid=normal"}),
    "x264-medium": ("libx264", {"preset": "medium", "crf": "22",
                                 "x264-params": "keyint=240:min-keyint=24:scenecut=40"}),
    "x265-ultrafast": ("libx265", {"preset": "ultrafast", "crf": "24",
                                    "x265-params": "keyint=240:min-keyint=24:scenecut=40:bframes=4:log-level=error"}),
}


def episode(args) -> Path:
    from svsg_desktop.core.demo.episode import make_episode

    if args.episode:
        return Path(args.episode)
    out = Path(args.cache) / f"ep{args.minutes:g}m_{args.height}p_{args.fps}fps_s{args.seed}"
    if not (out / "episode.mp4").is_file():
        print(f"generating the {args.minutes:g}-minute {args.height}p demo episode in {out} …", flush=True)
        make_episode(out, seed=args.seed, minutes=args.minutes, width=args.width, height=args.height, fps=args.fps)
    return out


def reencode(src: Path, dst: Path, name: str, threads: int = 2) -> Path:
    """The same pictures and audio packets in another encode (``ENCODES``), written once."""
    import av

    codec, opts = ENCODES[name]
    tmp = dst.with_name(dst.stem + ".part" + dst.suffix)
    with av.open(str(src)) as inp, av.open(str(tmp), "w", format="mp4") as out:
        vin = inp.streams.video[0]
        vin.thread_type = "AUTO"
        ain = inp.streams.audio[0] if inp.streams.audio else None
        rate = vin.average_rate or Fraction(24)
        vs = out.add_stream(codec, rate=rate)
        vs.width, vs.height, vs.pix_fmt = vin.codec_context.width, vin.codec_context.height, "yuv420p"
        vs.codec_context.time_base = 1 / rate
        vs.options = dict(opts, threads=str(threads))
        aout = out.add_stream_from_template(ain) if ain is not None else None
        k = 0
        for pkt in inp.demux(*([vin, ain] if ain is not None else [vin])):
            if pkt.stream is vin:
                for fr in pkt.decode():
                    f = fr if fr.format.name == "yuv420p" else fr.reformat(format="yuv420p")
                    f.pts, f.time_base = k, 1 / rate
                    f.pict_type = 0   # AV_PICTURE_TYPE_NONE: the source's frame types would force the encoder's
                    k += 1
                    for p in vs.encode(f):
                        out.mux(p)
            elif pkt.dts is not None:
                pkt.stream = aout
                out.mux(pkt)
        for p in vs.encode(None):
            out.mux(p)
    tmp.replace(dst)
    return dst


def video_of(out: Path, encode: str) -> Path:
    if encode == "source":
        return out / "episode.mp4"
    dst = out / f"episode.{encode}.mp4"
    if not dst.is_file():
        print(f"re-encoding {out / 'episode.mp4'} as {encode} …", flush=True)
        t = time.perf_counter()
        reencode(out / "episode.mp4", dst, encode)
        print(f"  {dst} in {time.perf_counter() - t:.0f} s", flush=True)
    return dst


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


def image_1nn(x: np.ndarray, valid: np.ndarray, speakers: list[str]) -> float:
    """Speaker 1-NN accuracy of the image feature over dialogue lines with a valid image (cosine)."""
    keep = np.array([bool(s) for s in speakers]) & valid
    x, spk = x[keep], np.array(speakers)[keep]
    sim = x @ x.T
    np.fill_diagonal(sim, -np.inf)
    return float((spk[sim.argmax(axis=1)] == spk).mean()) if len(spk) > 1 else float("nan")


def image_feature(grab, n: int, device: str) -> tuple[np.ndarray, np.ndarray]:
    """The pipeline's image vector per line from a frame grab (as ``extract._image_branch`` makes it)."""
    from svsg_desktop.core.features import extract as ex
    from svsg_desktop.core.features import image as img
    from svsg_desktop.core.models.encoders import load_encoder

    P = ex.PER_LINE
    ok = [k for k in range(n) if P * k in grab.frames]
    crops = img.line_crops([grab.frames[P * k] for k in ok],
                           [[grab.frames[P * k + j] for j in range(1, P) if P * k + j in grab.frames] for k in ok])
    enc = load_encoder("image", device=device)
    emb = np.concatenate([enc.embed([c.image for c in crops[s:s + 32]]) for s in range(0, len(crops), 32)])
    vec = img.combine(emb, np.stack([c.hist for c in crops]))
    x = np.zeros((n, vec.shape[1]), np.float32)
    x[ok] = vec
    valid = np.zeros(n, bool)
    valid[ok] = True
    return x, valid


def exact_psnr(video: Path, grab, targets) -> tuple[float, float]:
    """Median and 5th-percentile PSNR (dB) of the line frames given (full size) against the same frames decoded
    exactly (every frame, no skipping, loop filter on)."""
    import av

    from svsg_desktop.core.features import extract as ex
    from svsg_desktop.core.media.frames import to_rgb

    want: dict[int, list[int]] = {}
    with av.open(str(video)) as c:
        st = c.streams.video[0]
        tb_ms = float(st.time_base) * 1000
        for i in range(0, len(targets), ex.PER_LINE):
            if i in grab.times:
                want.setdefault(int(round(grab.times[i] / tb_ms)), []).append(i)
        st.thread_type = "AUTO"
        out = []
        for fr in c.decode(st):
            for i in want.get(fr.pts, ()):
                a = grab.frames[i]
                b = to_rgb(fr, a.shape[1], a.shape[0]).astype(np.float64)
                mse = float(np.mean((a.astype(np.float64) - b) ** 2))
                out.append(99.0 if mse == 0 else 10 * np.log10(255 ** 2 / mse))
    return (float(np.median(out)), float(np.percentile(out, 5))) if out else (float("nan"), float("nan"))


def run_side(out: Path, video: Path, device: str, method: str, psnr: bool, extract: bool) -> dict:
    """``method="auto"``: this checkout's frame pass (its choice per file); ``"sequential"``: one pass over every
    frame with each line's frames from its midpoint (the reference pass)."""
    from svsg_desktop.core.features import extract as ex
    from svsg_desktop.core.media import grab_frames, read_index

    lines = lines_of(out)
    speakers = [t.speaker for t in truth_of(out)]
    spans = [ex._clip_window(ln) for ln in lines]
    res: dict = {"lines": len(lines)}
    c, t = cpu_s(), time.perf_counter()
    index = read_index(video) if method != "sequential" else None
    targets = ex.frame_targets(spans, index)
    grab = grab_frames(video, targets, max_side=ex.FRAME_SIDE, method=method, index=index)
    res.update(frames_alone=time.perf_counter() - t, frames_cpu=cpu_s() - c, frame_method=grab.method,
               decoded=grab.decoded, peak_mb=peak_mb())
    if index is not None:   # what the lines need vs what reaching it from keyframes costs (the plan's floor)
        P = ex.PER_LINE
        res["needed"] = int(sum(index.frames_upto(max(tg.t_ms for tg in targets[k:k + P]))
                                - index.frames_upto(targets[k].t_ms - 0.5) for k in range(0, len(targets), P)))
        res["plan_cost"] = float(index.cost("seek", sorted(tg.t_ms for tg in targets)))
    x, valid = image_feature(grab, len(lines), device)
    res.update(valid_image=int(valid.sum()), image_1nn=image_1nn(x, valid, speakers))
    if psnr:
        res["psnr_median"], res["psnr_p5"] = exact_psnr(video, grab, targets)
    if extract:
        t, c = time.perf_counter(), cpu_s()
        fs = ex.extract_features(video, lines, cache_dir=None, device=device, frame_method=method)
        res.update({f"extract_{k}": v for k, v in fs.timings.items()})
        res.update(extract_wall=time.perf_counter() - t, extract_cpu=cpu_s() - c, provider=fs.provider,
                   extract_1nn=image_1nn(fs.image, fs.valid_image, speakers), peak_mb=peak_mb())
    return res


def run_full_decode(video: Path) -> dict:
    """Every video frame decoded, nothing else: the FFmpeg libraries through PyAV (the same the frame pass uses),
    decoder threads on (frame + slice threads, as the frame pass's one-decoder case); then again in one thread
    (its CPU time without the threads' overhead: the stricter CPU baseline)."""
    import av

    res = {}
    for threads in ("AUTO", "NONE"):
        t, c = time.perf_counter(), cpu_s()
        with av.open(str(video)) as cont:
            st = cont.streams.video[0]
            st.thread_type = threads
            n = sum(1 for _ in cont.decode(st))
            codec = st.codec_context.name
        if threads == "AUTO":
            res.update(total=time.perf_counter() - t, cpu=cpu_s() - c, frames=n, codec=codec,
                       tool="PyAV (FFmpeg libavcodec, threads)")
        else:
            res["cpu_1thread"] = cpu_s() - c
    return res


def file_facts(video: Path, out: Path) -> dict:
    from svsg_desktop.core.media import read_index

    idx = read_index(video)
    spans = [(ln.start, ln.end) for ln in lines_of(out)]
    after = [a - k for a, _ in spans if (k := idx.key_at_or_before(a)) is not None]
    return {"frames": len(idx.frame_ms), "keyframes": len(idx.key_ms), "nonref": idx.nonref_count,
            "mb": video.stat().st_size / 1e6, "lines_with_key": sum(1 for a, b in spans if len(idx.keys_within(a, b))),
            "start_after_key_ms": float(np.median(after)) if after else float("nan")}


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


def child(side: str, args, encode: str, tree: str = "") -> dict:
    cmd = [sys.executable, __file__, "--child", side, "--child-encode", encode, "--minutes", str(args.minutes),
           "--width", str(args.width), "--height", str(args.height), "--fps", str(args.fps), "--cache", args.cache,
           "--seed", str(args.seed), "--device", args.device, "--baseline-lines", str(args.baseline_lines)]
    cmd += ["--episode", args.episode] if args.episode else []
    cmd += ["--psnr"] if args.psnr else []
    cmd += ["--extract"] if args.extract else []
    env = dict(os.environ)
    if tree:   # the other checkout's package first on the path (this benchmark's own code is unchanged)
        env["PYTHONPATH"] = os.pathsep.join([str(Path(tree).resolve()), env.get("PYTHONPATH", "")])
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit(f"{side} run on {encode} failed")
    return json.loads(r.stdout.strip().splitlines()[-1])


def run_child(args, out: Path) -> dict:
    video = video_of(out, args.child_encode)
    if args.child == "full":
        return run_full_decode(video)
    if args.child == "baseline":
        return run_baseline(out, args.baseline_lines if args.baseline_lines > 0 else None)
    if args.child == "exact":   # this checkout's plan, every frame decoded with its loop filter (no skips)
        from svsg_desktop.core.media import frames as frames_mod

        frames_mod.SKIP_NONREF, frames_mod.SKIP_LOOP_FILTER = False, ""
    method = "sequential" if args.child == "naive" else "auto"
    return run_side(out, video, args.device, method, args.psnr and args.child != "exact",
                    args.extract and args.child != "exact")


def _row(name: str, a: float, b: float | None, unit: str = "{:9.2f}") -> str:
    bs = f"{unit.format(b):>11}" if b is not None else f"{'—':>11}"
    ratio = f"{a / b:7.2f}" if b else f"{'':>7}"
    return f"{name:<26} {unit.format(a)} {bs} {ratio}"


def print_encode_table(encode: str, facts: dict, full: dict, ours: dict, before: dict, before_name: str) -> dict:
    print(f"\n== {encode}: {facts['frames']} frames ({full['codec']}), {facts['keyframes']} keyframes, "
          f"{facts['nonref']} non-reference frames, {facts['mb']:.0f} MB; {facts['lines_with_key']} of "
          f"{ours['lines']} lines hold a keyframe, a line starts a median {facts['start_after_key_ms'] / 1000:.1f} s "
          f"after the keyframe before it")
    print(f"full decode of every frame ({full['tool']}): {full['total']:.2f} s wall, {full['cpu']:.2f} s CPU; in "
          f"one thread {full['cpu_1thread']:.2f} s CPU (measured in this run, own process)")
    print(f"{'':<26} {'now':>9} {'before':>11} {'now/before':>7}   (before: {before_name})")
    rows = [("frame pass, wall s", "frames_alone"), ("frame pass, CPU s", "frames_cpu"),
            ("peak memory (MB)", "peak_mb")]
    if "extract_wall" in ours:
        rows += [("extract total, wall s", "extract_wall"), ("extract total, CPU s", "extract_cpu")]
    for name, key in rows:
        if key in before:
            print(_row(name, ours[key], before[key]))
        else:
            print(_row(name, ours[key], None))
    print(f"{'frames decoded':<26} {ours['decoded']:9d} {before['decoded']:11d} "
          f"{ours['decoded'] / max(before['decoded'], 1):7.2f}")
    print(_row("image speaker 1-NN", ours["image_1nn"], before["image_1nn"], "{:9.3f}"))
    if "psnr_median" in ours:
        print(f"{'PSNR vs exact, median/p5':<26} {ours['psnr_median']:5.1f}/{ours['psnr_p5']:4.1f} "
              f"{before.get('psnr_median', float('nan')):6.1f}/{before.get('psnr_p5', float('nan')):4.1f}")
    if "needed" in ours:
        from svsg_desktop.core.media.index import SKIPPED_COST

        print(f"frames the lines need (each line's frame to its last motion frame): {ours['needed']} "
              f"({ours['needed'] / facts['frames']:.2f} of the file); reaching them from keyframes: "
              f"{ours['plan_cost']:.0f} decoded-frame units ({ours['plan_cost'] / facts['frames']:.2f}; a skipped "
              f"non-reference frame counts {SKIPPED_COST})")
    rw, rc = ours["frames_alone"] / full["total"], ours["frames_cpu"] / max(full["cpu"], 1e-9)
    bw, bc = before["frames_alone"] / full["total"], before["frames_cpu"] / max(full["cpu"], 1e-9)
    r1, b1 = ours["frames_cpu"] / full["cpu_1thread"], before["frames_cpu"] / full["cpu_1thread"]
    print(f"frame pass / full decode: now {rw:.2f}× wall, {rc:.2f}× CPU ({r1:.2f}× of one thread's); before "
          f"{bw:.2f}× / {bc:.2f}× ({b1:.2f}×); strategy now {ours['frame_method']}; target ≤ 0.50× (wall) → "
          f"{'MET' if rw <= 0.5 else 'MISSED'}")
    loss = ours["image_1nn"] < before["image_1nn"] - 0.005
    print(f"image 1-NN (image encoder trained on ImageNet, no svsg training; tested on this generated demo episode): "
          f"{ours['image_1nn']:.3f} now vs {before['image_1nn']:.3f} before → {'LOSS' if loss else 'no loss'}; "
          f"valid image {ours['valid_image']} / {before['valid_image']} of {ours['lines']}")
    return {"encode": encode, "wall": rw, "cpu": rc, "cpu1": r1, "before_wall": bw, "before_cpu": bc, "before_cpu1": b1}


def print_baseline_table(ours: dict, base: dict) -> None:
    print(f"\nseed-style baseline: one {base['tool']} per line for the clip and another for the frame, one encoder "
          f"call per file" + (f" (timed on {base['measured_lines']} lines, scaled)"
                              if base["measured_lines"] != base["lines"] else ""))
    rows = [("audio slicing", ours.get("extract_audio_slicing", 0), base["audio_slicing"]),
            ("frames", ours.get("extract_frames", 0), base["frames"]),
            ("voice encoder", ours.get("extract_voice_encoder", 0), base["voice_encoder"]),
            ("image encoder", ours.get("extract_image_encoder", 0), base["image_encoder"]),
            ("total", ours["extract_wall"], base["total"]),
            ("total CPU time (s)", ours["extract_cpu"], base["cpu"])]
    print(f"{'stage':<26} {'svsg s':>9} {'baseline s':>11} {'svsg/base':>7}")
    for name, a, b in rows:
        print(_row(name, a, b))
    total = ours["extract_wall"]
    print(f"targets: total ≤ 60 s → {'MET' if total <= 60 else 'MISSED'}; ≥ 5× baseline → "
          f"{base['total'] / total:.1f}× {'MET' if base['total'] >= 5 * total else 'MISSED'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=22.0)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=720)
    ap.add_argument("--fps", type=int, default=24)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cache", default=".cache/bench")
    ap.add_argument("--episode", default="", help="an existing `svsg demo make` folder instead of generating one")
    ap.add_argument("--encodes", default="source,x264-veryfast",
                    help=f"comma-separated: source (the demo's own x264 ultrafast) and any of {', '.join(ENCODES)}")
    ap.add_argument("--before-tree", default="",
                    help="compare against the frame pass of another checkout (e.g. a worktree of main) instead of "
                         "the one-pass-over-every-frame reference")
    ap.add_argument("--psnr", action="store_true", help="also the frames' PSNR against an exact decode")
    ap.add_argument("--extract", action="store_true", help="also time the whole extract_features per encode")
    ap.add_argument("--device", default="cpu", choices=["cpu", "auto", "cuda"])
    ap.add_argument("--baseline-lines", type=int, default=0,
                    help="also time the seed-style per-line baseline on N lines, scaled (-1: all lines)")
    ap.add_argument("--exact", action="store_true",
                    help="also this checkout's frame plan decoded without skips (every frame, loop filter on)")
    ap.add_argument("--child", choices=["ours", "naive", "before", "full", "baseline", "exact"])
    ap.add_argument("--child-encode", default="source")
    args = ap.parse_args()
    out = episode(args)
    if args.child:
        print(json.dumps(run_child(args, out)))
        return
    encodes = [e.strip() for e in args.encodes.split(",") if e.strip()]
    for e in encodes:
        if e != "source" and e not in ENCODES:
            raise SystemExit(f"unknown encode {e!r}: source or one of {', '.join(ENCODES)}")
        video_of(out, e)   # made once, before anything is timed
    before_name = (f"frame pass of {args.before_tree}" if args.before_tree
                   else "one pass over every frame, lines' midpoints")
    print(f"episode: {out} — {len(lines_of(out))} lines")
    summary, ours = [], {}
    for e in encodes:
        full = child("full", args, e)
        ours = child("ours", args, e)
        before = child("before", args, e, args.before_tree) if args.before_tree else child("naive", args, e)
        summary.append(print_encode_table(e, file_facts(video_of(out, e), out), full, ours, before, before_name))
        if args.exact:
            ex = child("exact", args, e)
            print(f"the same plan without skips (every frame decoded, loop filter on): {ex['decoded']} frames, "
                  f"{ex['frames_cpu']:.2f} s CPU ({ex['frames_cpu'] / max(full['cpu'], 1e-9):.2f}× the full "
                  f"decode's), "
                  f"image 1-NN {ex['image_1nn']:.3f} (with the skips: {ours['image_1nn']:.3f})")
    print(f"\nframe pass × full decode   {'now wall':>9} {'CPU':>6} {'CPU/1thr':>8} {'before wall':>12} {'CPU':>6} "
          f"{'CPU/1thr':>8}")
    for r in summary:
        print(f"{r['encode']:<26} {r['wall']:9.2f} {r['cpu']:6.2f} {r['cpu1']:8.2f} {r['before_wall']:12.2f} "
              f"{r['before_cpu']:6.2f} {r['before_cpu1']:8.2f}")
    if args.baseline_lines and "extract_wall" in ours:
        print_baseline_table(ours, child("baseline", args, encodes[-1]))
    print(f"load average during the runs: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores (wall times grow with other users' load; CPU time much less)")


if __name__ == "__main__":
    main()
