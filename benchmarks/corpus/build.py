"""Build the cross-domain grouping corpus into a cache folder (never committed).

    python -m benchmarks.corpus.build --out /path/to/cache [--domains espeak,dutch,...] [--quick]

The folder defaults to ``$SVSG_CORPUS`` or ``.cache/corpus``. Layout: ``<out>/<domain>/<episode>/`` with ``ep.mkv``
(audio only) or ``ep.mp4`` (demo), ``ep.srt``, ``ep.ass``, ``ep_truth.csv``, ``episode.json``; downloaded Debian
packages under ``<out>/_debs`` and ``<out>/_pkgs``; ``<out>/README.md`` describes what is there. Episodes that
exist are kept (delete a folder to rebuild it); the same arguments give the same episodes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import time
from pathlib import Path

from . import real, synthetic

DEMO_TEST_SEEDS = (301, 302, 303)     # today's held-out test episodes (docs/evaluation.md, in-domain numbers)
DOMAINS = ("demo", *synthetic.DOMAINS, *real.PACKAGES, "pyannote")
TEST_ONLY = ("demo", "pyannote")       # never trained on: tested with heads trained on every other domain
log = logging.getLogger("corpus")


def default_root() -> Path:
    return Path(os.environ.get("SVSG_CORPUS", ".cache/corpus"))


def _done(folder: Path) -> bool:
    return (folder / "ep_truth.csv").is_file() and (folder / "episode.json").is_file()


def build_demo(out: Path, quick: bool) -> None:
    from svsg_desktop.core.demo.episode import make_episode

    for s in DEMO_TEST_SEEDS[: 1 if quick else None]:
        f = out / f"test{s}"
        if _done(f):
            continue
        ep = make_episode(f, seed=s, minutes=3, n_speakers=5, name="ep")
        info = {"domain": "demo", "seed": s, "lines": len(ep.lines), "speakers": ep.speakers, "minutes": 3.0}
        (f / "episode.json").write_text(json.dumps(info, indent=1), encoding="utf-8")


def build_domain(domain: str, root: Path, quick: bool = False) -> Path:
    out = root / domain
    out.mkdir(parents=True, exist_ok=True)
    if domain == "demo":
        build_demo(out, quick)
    elif domain == "pyannote":
        if not _done(out / "sample"):
            real.make_domain(domain, root, out, quick)
    elif domain in real.PACKAGES:
        if not all(_done(out / f"{domain}{k + 1}") for k in range(2 if quick else 7)):
            real.make_domain(domain, root, out, quick)
    else:
        for spec in synthetic.specs(domain, quick):
            if not _done(out / spec.name):
                synthetic.make_episode(domain, spec, out / spec.name)
    return out


def episode_folders(root: Path, domain: str) -> list[Path]:
    return sorted((p for p in (root / domain).iterdir() if _done(p)), key=lambda p: (len(p.name), p.name)) \
        if (root / domain).is_dir() else []


def write_readme(root: Path) -> Path:
    rows = []
    for d in DOMAINS:
        for f in episode_folders(root, d):
            info = json.loads((f / "episode.json").read_text(encoding="utf-8"))
            rows.append(f"| {d} | {f.name} | {info.get('lines', '?')} | {len(info.get('speakers', []))} | "
                        f"{float(info.get('minutes', 0)):.1f} |")
    text = README_HEAD.format(root=root) + "\n".join(rows) + "\n"
    (root / "README.md").write_text(text, encoding="utf-8")
    return root / "README.md"


README_HEAD = """# svsg cross-domain grouping corpus ({root})

Built by `python -m benchmarks.corpus.build --out {root}` (or `benchmarks/corpus/build.sh`); see
benchmarks/corpus/*.py and docs/evaluation.md in the repository. Nothing here is committed.

Layout: `<domain>/<episode>/` holds `ep.mkv` (audio-only Matroska, FLAC 16 kHz; `ep.mp4` with video for
`demo`), `ep.srt`, `ep.ass`, `ep_truth.csv` (truth: start,end,speaker,text,...; the episode loader
`svsg_desktop.core.training.episodes.load_labeled_episode(folder)` reads it) and `episode.json` (domain, seed,
voices, sound conditions, line and speaker counts). `features.npz` appears next to them once features are
extracted (cached by the loader). `_debs/`, `_pkgs/`: the Debian packages the real-speech domains come from.

Domains: demo (today's generator, test seeds 301–303: the in-domain numbers), espeak (espeak-ng variants,
clean), festival (3 Festival voices × sox colouring), colour (one gender's espeak variants told apart only by sox
pitch/formant/EQ), cast (2–12 characters, Zipf line counts, minor characters with 1–5 lines, 3–25 min), sound
(reverb, music/babble beds at 0–20 dB SNR, a telephone character, subtitle jitter ±0.3 s, two-speaker cues),
dutch (real Dutch voice acting, Fish Fillets NG, 2 speakers), hedgewars (real short character exclamations,
15 voice packs), pyannote (pyannote-audio's sample.wav, a real 2-speaker phone call, 13 lines; test only).

| domain | episode | lines | speakers | minutes |
|---|---|---|---|---|
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None, help="cache folder (default $SVSG_CORPUS or .cache/corpus)")
    ap.add_argument("--domains", default=",".join(DOMAINS), help=f"comma-separated, of {','.join(DOMAINS)}")
    ap.add_argument("--quick", action="store_true", help="two short episodes per domain (smoke test)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    root = args.out or default_root()
    wanted = [d for d in args.domains.split(",") if d]
    bad = [d for d in wanted if d not in DOMAINS]
    if bad:
        ap.error(f"unknown domain(s) {', '.join(bad)}; known: {', '.join(DOMAINS)}")
    for d in wanted:
        t = time.perf_counter()
        build_domain(d, root, args.quick)
        log.info("domain %s: %d episodes (%.0f s)", d, len(episode_folders(root, d)), time.perf_counter() - t)
        write_readme(root)
    print(write_readme(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
