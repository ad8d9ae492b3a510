"""Timing of the IO layer on a long episode, against the bare libraries in the same run (medians of 5).

Run: ``.venv/bin/python -m tests.core.io.bench_io [N_LINES]`` (default 5,000 lines ≈ a 12-episode season).
Baselines: pysrt / pysubs2 parsing the same file with no checks; ``csv`` writing the same rows without
``fsync``/rename; pandas reading the project CSV. The ratio column is ours / baseline.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pysrt
import pysubs2

from svsg_desktop.core.io import export_project, load_project, load_subtitles, save_project


def median_time(fn, repeat: int = 5) -> float:
    xs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        xs.append(time.perf_counter() - t)
    return statistics.median(xs)


def stamp(ms: int, sep: str) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def main(n: int = 5000) -> None:
    with tempfile.TemporaryDirectory(prefix="svsg-bench-io-") as tmp:
        run(Path(tmp), n)


def run(d: Path, n: int) -> None:
    names = ["涼宮ハルヒ", "キョン", "長門", "朝比奈みくる", "古泉"]
    srt = "".join(f"{i + 1}\n{stamp(i * 2000, ',')} --> {stamp(i * 2000 + 1500, ',')}\n{names[i % 5]}：我对普通的人类没有"
                  f"兴趣 {i}\n普通の人間には興味ありません\n\n" for i in range(n))
    (d / "s.srt").write_text(srt, encoding="utf-8")
    (d / "s-gbk.srt").write_bytes(srt.replace("普通の人間には興味ありません", "第二行").encode("gb18030"))
    ass = pysubs2.SSAFile.from_string(srt, format_="srt")
    ass.save(str(d / "s.ass"))
    project = load_subtitles(d / "s.srt").to_project(video="s.mkv")
    save_project(project, d / "p.csv")

    def plain_csv():
        buf = io.StringIO()
        w = csv.writer(buf)
        for ln in project.ordered():
            w.writerow([ln.id, ln.start, ln.end, ln.speaker, ln.cluster, ln.text])
        (d / "plain.csv").write_text(buf.getvalue(), encoding="utf-8-sig")

    rows = [
        ("import SRT (utf-8)", lambda: load_subtitles(d / "s.srt"),
         "pysrt.open", lambda: pysrt.open(str(d / "s.srt"))),
        ("import SRT (gb18030, detected)", lambda: load_subtitles(d / "s-gbk.srt"),
         "pysrt.open(encoding=gb18030)", lambda: pysrt.open(str(d / "s-gbk.srt"), encoding="gb18030")),
        ("import ASS", lambda: load_subtitles(d / "s.ass"),
         "pysubs2.load", lambda: pysubs2.load(str(d / "s.ass"))),
        ("save_project (atomic, fsync)", lambda: save_project(project, d / "p.csv"),
         "csv.writer, no fsync", plain_csv),
        ("load_project (validated)", lambda: load_project(d / "p.csv"),
         "pandas.read_csv", lambda: pd.read_csv(d / "p.csv", encoding="utf-8-sig")),
        ("export ASS", lambda: export_project(project, d / "o.ass", "ass"),
         "pysubs2 save", lambda: ass.save(str(d / "o2.ass"))),
        ("export SRT", lambda: export_project(project, d / "o.srt", "srt"),
         "pysubs2 save", lambda: ass.save(str(d / "o2.srt"))),
    ]
    print(f"{n} lines; medians of 5 runs")
    print(f"{'step':32s} {'ours s':>8s}  {'baseline':30s} {'base s':>8s} {'ratio':>6s}")
    for name, ours, bname, base in rows:
        a, b = median_time(ours), median_time(base)
        print(f"{name:32s} {a:8.3f}  {bname:30s} {b:8.3f} {a / b:6.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
