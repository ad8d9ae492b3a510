"""What the listening tools cost on a full episode (24 minutes of 16 kHz audio, synthetic noise+tones; no media
needed): the audio strip's peaks and spectrogram when the current line changes (target: well under 16 ms, one frame, for
a 1,400-pixel strip; repaints reuse them), and re-ranking the "same person?" hints after an edit (target: under 100 ms with 60 groups,
the trained heads' scorer). Medians of ``--repeats`` runs.

    .venv/bin/python benchmarks/bench_listening.py [--minutes 24] [--width 1400] [--repeats 15]

Baselines measured in the same run: peaks by a plain per-column Python loop (what ``np.minimum.reduceat`` saves),
the spectrogram with one FFT per pixel column (what 480 frames stretched to the width save), and the hints' ranking with a cold pair-score cache (what keeping the scores saves; the first ranking runs cold,
on the worker thread).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from svsg_desktop.core.media.audio import SAMPLE_RATE  # noqa: E402
from svsg_desktop.core.media.waveform import peaks, spectrogram  # noqa: E402

SPECTROGRAM_COLUMNS = 480     # as svsg_desktop/qt/waveform.py draws it (not imported: no Qt needed here)


def median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times)


def loop_peaks(x: np.ndarray, start_ms: int, end_ms: int, columns: int):
    edges = np.linspace(start_ms * SAMPLE_RATE / 1000, end_ms * SAMPLE_RATE / 1000, columns + 1).round().astype(int)
    return [(x[a:b].min(), x[a:b].max()) if b > a else (0.0, 0.0) for a, b in zip(edges[:-1], edges[1:])]


def synthetic_episode(minutes: float) -> np.ndarray:
    rng = np.random.default_rng(0)
    n = int(minutes * 60 * SAMPLE_RATE)
    t = np.arange(n, dtype=np.float32) / SAMPLE_RATE
    return (0.05 * rng.standard_normal(n) + 0.3 * np.sin(2 * np.pi * 220 * t) * (np.sin(t) > 0)).astype(np.float32)


def hint_features(groups: int, per_group: int = 40):
    from svsg_desktop.core.training.synthetic import make_synthetic

    f = make_synthetic(groups * per_group, groups, seed=0, dv=256, di=1344)
    f.voice_model, f.image_model = "ge2e-resemblyzer", "efficientnet-lite0"   # the trained heads' encoder pair
    ids = sorted(set(f.speakers))
    return f, {lid: ids.index(s) for lid, s in zip(f.line_ids, f.speakers)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=24.0)
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--groups", type=int, default=60)
    a = ap.parse_args()
    x = synthetic_episode(a.minutes)
    mid = int(a.minutes * 30_000)
    window = (mid - 3000, mid + 5000)                           # a 2-s line with 3 s on each side
    rows = [("strip peaks, 8 s window", median_ms(lambda: peaks(x, SAMPLE_RATE, *window, a.width), a.repeats),
             median_ms(lambda: loop_peaks(x, *window, a.width), a.repeats), "per-column Python loop"),
            ("strip spectrogram, 8 s window", median_ms(lambda: spectrogram(x, SAMPLE_RATE, *window,
                                                                            SPECTROGRAM_COLUMNS), a.repeats),
             median_ms(lambda: spectrogram(x, SAMPLE_RATE, *window, a.width), a.repeats),
             "one FFT per pixel column")]
    whole = (0, int(a.minutes * 60_000))
    rows.append(("peaks of the whole episode", median_ms(lambda: peaks(x, SAMPLE_RATE, *whole, a.width), a.repeats),
                 median_ms(lambda: loop_peaks(x, *whole, a.width), max(3, a.repeats // 5)), "per-column Python loop"))

    from svsg_desktop.core.grouping.heads import Heads
    from svsg_desktop.core.hints import HintBasis, hint_basis, pair_hints
    f, assignment = hint_features(a.groups)
    basis = hint_basis(f, Heads.load())

    def cold() -> HintBasis:          # the same basis without any kept pair score
        return HintBasis(basis.inputs, basis.cv, basis.ci, basis.heads, basis.method, basis.threshold)

    merged = dict(assignment)
    merged.update({lid: 0 for lid, g in assignment.items() if g == 1})      # an edit: group 1 merged into 0
    pair_hints(basis, assignment)
    rows.append((f"hints re-rank after a merge, {a.groups} groups",
                 median_ms(lambda: pair_hints(basis, merged), a.repeats),
                 median_ms(lambda: pair_hints(cold(), merged), max(3, a.repeats // 5)), "no pair score kept"))
    print(f"{a.minutes:g}-minute episode, {a.width}-pixel strip, medians of {a.repeats} runs")
    print(f"{'what':<44} {'ms':>9} {'baseline ms':>12} {'ratio':>7}  baseline")
    for what, ms, base, how in rows:
        ratio = f"{base / ms:6.1f}x" if base == base and ms > 0 else "      -"
        print(f"{what:<44} {ms:9.2f} {base:12.2f} {ratio:>7}  {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
