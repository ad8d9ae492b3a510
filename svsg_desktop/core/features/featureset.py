"""FeatureSet: per-line voice and image embeddings, quality stats and problems, saved as one ``.npz``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import InputError


@dataclass
class FeatureSet:
    line_ids: list[str]
    voice: np.ndarray                      # (N, Dv) float32, L2-normalised (zeros where invalid)
    image: np.ndarray                      # (N, Di) float32, L2-normalised (zeros where invalid)
    stats: dict[str, np.ndarray] = field(default_factory=dict)   # name → (N,) float
    valid_voice: np.ndarray | None = None  # (N,) bool
    valid_image: np.ndarray | None = None  # (N,) bool
    problems: dict[str, str] = field(default_factory=dict)       # line id → reason
    voice_model: str = ""
    image_model: str = ""
    provider: str = ""
    timings: dict[str, float] = field(default_factory=dict, compare=False)   # this run's stage seconds (not saved)

    def __post_init__(self) -> None:
        n = len(self.line_ids)
        if self.valid_voice is None:
            self.valid_voice = np.ones(n, bool)
        if self.valid_image is None:
            self.valid_image = np.ones(n, bool)

    def __len__(self) -> int:
        return len(self.line_ids)

    def index(self) -> dict[str, int]:
        return {lid: i for i, lid in enumerate(self.line_ids)}

    def subset(self, line_ids: list[str]) -> "FeatureSet":
        idx = self.index()
        rows = np.array([idx[i] for i in line_ids], dtype=int)
        return FeatureSet(list(line_ids), self.voice[rows], self.image[rows],
                          {k: v[rows] for k, v in self.stats.items()}, self.valid_voice[rows],
                          self.valid_image[rows], {k: v for k, v in self.problems.items() if k in set(line_ids)},
                          self.voice_model, self.image_model, self.provider)

    def save(self, path: str | Path) -> None:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        meta = {"version": 1, "line_ids": self.line_ids, "problems": self.problems, "voice_model": self.voice_model,
                "image_model": self.image_model, "provider": self.provider, "stats": sorted(self.stats)}
        arrays = {f"stat_{k}": np.asarray(v) for k, v in self.stats.items()}
        tmp = p.with_name(p.name + ".tmp.npz")
        np.savez_compressed(tmp, meta=np.array(json.dumps(meta)), voice=self.voice, image=self.image,
                            valid_voice=self.valid_voice, valid_image=self.valid_image, **arrays)
        tmp.replace(p)

    @classmethod
    def load(cls, path: str | Path) -> "FeatureSet":
        p = Path(path)
        try:
            with np.load(p, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                stats = {k: z[f"stat_{k}"] for k in meta["stats"]}
                return cls(list(meta["line_ids"]), z["voice"], z["image"], stats, z["valid_voice"],
                           z["valid_image"], dict(meta["problems"]), meta["voice_model"], meta["image_model"],
                           meta["provider"])
        except FileNotFoundError:
            raise InputError("no such feature file", path=str(p), code="features_missing") from None
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(f"not a svsg feature file: {exc}", path=str(p), code="features_bad") from None
