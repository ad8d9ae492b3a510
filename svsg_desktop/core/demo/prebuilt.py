"""The small prebuilt demo episode committed in ``resources/demo`` (for machines without espeak-ng)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..paths import demo_dir

# How it was made (also in resources/demo/README.md): svsg demo make resources/demo --prebuilt
PREBUILT = dict(seed=7, minutes=1.5, n_speakers=5, width=640, height=360, fps=12, difficulty="normal", name="demo",
                preset="veryfast")


@dataclass(frozen=True)
class DemoFiles:
    video: Path
    srt: Path
    ass: Path
    truth_csv: Path
    readme: Path


def demo_files() -> DemoFiles:
    d = demo_dir()
    files = DemoFiles(video=d / "demo.mp4", srt=d / "demo.srt", ass=d / "demo.ass",
                      truth_csv=d / "demo_truth.csv", readme=d / "README.md")
    missing = [p.name for p in (files.video, files.srt, files.ass, files.truth_csv) if not p.is_file()]
    if missing:
        raise InputError(f"the prebuilt demo episode is incomplete (missing {', '.join(missing)}); "
                         "recreate it with: svsg demo make resources/demo --prebuilt", path=str(d))
    return files


def copy_demo(dest: str | Path) -> DemoFiles:
    """The demo files copied to ``dest`` (the shipped copy is never written to: ``svsg demo run`` and the app's
    File ▸ Open the demo episode work on a copy); a file already there with the same size is kept."""
    import shutil

    src = demo_files()
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    copied = {}
    for field in ("video", "srt", "ass", "truth_csv", "readme"):
        path: Path = getattr(src, field)
        target = dest / path.name
        if path.is_file() and (not target.is_file() or target.stat().st_size != path.stat().st_size):
            shutil.copy2(path, target)
        copied[field] = target
    return DemoFiles(**copied)


def demo_episode_path() -> Path:
    """The prebuilt demo video (resources/demo/demo.mp4)."""
    return demo_files().video
