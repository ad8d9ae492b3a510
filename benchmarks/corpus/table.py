"""The benchmark's result rows: one per (method, trained on, tested on), scored with core.metrics, printed as a
markdown table and written as CSV; the targets of issue 10 checked per held-out domain."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Sequence

import numpy as np

from svsg_desktop.core.metrics import score

TARGET_F1, TARGET_OPS, TARGET_DUTCH_F1, TARGET_IN_DOMAIN_F1 = 0.93, 8.0, 0.95, 0.98
TARGET_SETTINGS = ("leave-one-domain-out", "in-domain")


@dataclass(frozen=True)
class Result:
    setting: str          # "leave-one-domain-out", "in-domain" (targets checked), or a descriptive setting
    method: str
    trained_on: str
    tested_on: str
    episodes: int
    lines: int            # labeled lines scored
    true_speakers: int    # summed over the test episodes
    groups_found: int     # groups holding labeled lines, summed over the test episodes
    edge_p: float         # edge P/R/F1 and B³ F1: means over the test episodes
    edge_r: float
    edge_f1: float
    bcubed_f1: float
    deletes: int          # D, A, J: totals
    adds: int
    joins: int
    ops_per_100: float    # pooled: 100 · (D + A + J) / lines


def summarise(setting: str, method: str, trained_on: str, tested_on: str,
              runs: Sequence[tuple[Sequence, Sequence]]) -> Result:
    """``runs``: (truth labels, predicted groups) per test episode."""
    scores = [score(list(t), list(p)) for t, p in runs]
    n = sum(s.n_lines for s in scores)
    speakers = sum(len({x for x in t if x}) for t, _ in runs)
    groups = sum(len({g for x, g in zip(t, p) if x and g is not None}) + sum(1 for x, g in zip(t, p)
                                                                               if x and g is None)
                 for t, p in runs)
    mean = lambda key: float(np.mean([getattr(s, key) for s in scores])) if scores else 0.0   # noqa: E731
    ops = sum(s.ops for s in scores)
    return Result(setting, method, trained_on, tested_on, len(runs), n, speakers, groups, mean("edge_precision"),
                  mean("edge_recall"), mean("edge_f1"), mean("bcubed_f1"), sum(s.deletes for s in scores),
                  sum(s.adds for s in scores), sum(s.joins for s in scores), 100.0 * ops / n if n else 0.0)


HEADER = ("| setting | method | trained on | tested on | #eps | #lines | speakers → groups | edge P | edge R | "
          "edge F1 | B³ F1 | D | A | J | ops/100 |")


def markdown(rows: Sequence[Result]) -> str:
    body = [f"| {r.setting} | {r.method} | {r.trained_on} | {r.tested_on} | {r.episodes} | {r.lines} | "
            f"{r.true_speakers} → {r.groups_found} | {r.edge_p:.3f} | {r.edge_r:.3f} | {r.edge_f1:.3f} | "
            f"{r.bcubed_f1:.3f} | {r.deletes} | {r.adds} | {r.joins} | {r.ops_per_100:.1f} |" for r in rows]
    return "\n".join([HEADER, "|" + "---|" * HEADER.count(" | ") + "---|", *body])


def write_csv(rows: Sequence[Result], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=[f.name for f in fields(Result)])
        w.writeheader()
        for r in rows:
            w.writerow({k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(r).items()})
    return path


def read_csv(path: Path) -> list[Result]:
    types = {f.name: f.type for f in fields(Result)}
    conv = {"int": int, "float": float, "str": str}
    with open(path, encoding="utf-8") as fh:
        return [Result(**{k: conv[types[k]](v) for k, v in row.items()}) for row in csv.DictReader(fh)]


def target_misses(rows: Sequence[Result], ours: str, tuned_prefix: str = "avg-link, tuned") -> list[str]:
    """Every issue-10 target missed by the rows whose method starts with ``ours``, one sentence each (empty: all
    met)."""
    out = []
    for r in rows:
        if not r.method.startswith(ours):
            continue
        if r.setting == "in-domain" and r.edge_f1 < TARGET_IN_DOMAIN_F1:
            out.append(f"in-domain {r.tested_on}: edge F1 {r.edge_f1:.3f} < {TARGET_IN_DOMAIN_F1}")
        if r.setting != "leave-one-domain-out":
            continue
        if r.edge_f1 < TARGET_F1:
            out.append(f"{r.tested_on}: edge F1 {r.edge_f1:.3f} < {TARGET_F1}")
        if r.ops_per_100 > TARGET_OPS:
            out.append(f"{r.tested_on}: {r.ops_per_100:.1f} ops/100 > {TARGET_OPS:.0f}")
        if r.tested_on == "dutch" and r.edge_f1 < TARGET_DUTCH_F1:
            out.append(f"dutch: edge F1 {r.edge_f1:.3f} < {TARGET_DUTCH_F1}")
        for b in rows:
            if (b.setting == r.setting and b.tested_on == r.tested_on and b.method.startswith(tuned_prefix)
                    and (b.edge_f1 > r.edge_f1 or b.ops_per_100 < r.ops_per_100)):
                out.append(f"{r.tested_on}: tuned average linkage is better (F1 {b.edge_f1:.3f} vs "
                           f"{r.edge_f1:.3f}, ops/100 {b.ops_per_100:.1f} vs {r.ops_per_100:.1f})")
    return out


def _key(method: str) -> str:
    return method.split(" (")[0].rstrip("0123456789. ")


def _detail(method: str) -> str:
    """The per-row detail kept in a summary cell: the chosen method in "ours, default (mlp)"."""
    return f" {method[method.index(' ('):].strip()}" if " (" in method else ""


def summary(rows: Sequence[Result], ours: str) -> str:
    """One line per tested domain and setting: speakers → groups, edge F1 and ops/100 of the seed cut, the tuned
    cut, every "ours" row; and whether the held-out targets are met by the ``ours`` row."""
    keys = list(dict.fromkeys(_key(r.method) for r in rows))
    head = "| setting | tested on | trained on | " + " | ".join(f"{k}: F1 / ops" for k in keys) + " | targets |"
    out = [head, "|" + "---|" * (head.count("|") - 1)]
    cells: dict[tuple[str, str], dict[str, Result]] = {}
    for r in rows:
        cells.setdefault((r.setting, r.tested_on), {})[_key(r.method)] = r
    for (setting, tested), by in cells.items():
        first = next(iter(by.values()))
        vals = [f"{by[k].edge_f1:.3f} / {by[k].ops_per_100:.1f}{_detail(by[k].method)}" if k in by else "–"
                for k in keys]
        mine = [r for r in by.values() if r.method.startswith(ours)]
        miss = target_misses(list(by.values()), ours)
        verdict = "–" if not mine or setting not in TARGET_SETTINGS else ("met" if not miss else "missed")
        out.append(f"| {setting} | {tested} | {first.trained_on} | " + " | ".join(vals) + f" | {verdict} |")
    return "\n".join(out)
