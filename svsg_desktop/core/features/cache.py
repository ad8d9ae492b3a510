"""On-disk feature cache: one ``.npz`` per (media content hash, feature group, model/pipeline key), rows keyed by
line span. Reopening an episode recomputes nothing; a new model changes only its own group's key."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def group_key(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


class GroupCache:
    """Rows of one feature group: span → (vector, valid, reason, aux values)."""

    def __init__(self, root: Path | None, media: str, group: str, key: str, dim: int, aux: tuple[str, ...] = ()):
        self.path = (root / media / f"{group}-{key}.npz") if root is not None else None
        self.dim, self.aux_names = dim, tuple(aux)
        self.rows: dict[tuple[int, int], tuple[np.ndarray, bool, str, np.ndarray]] = {}
        self.dirty = False
        if self.path is not None and self.path.is_file():
            try:
                with np.load(self.path, allow_pickle=False) as z:
                    spans, vecs, valid = z["spans"], z["vectors"], z["valid"]
                    reasons = json.loads(str(z["reasons"]))
                    aux_m = z["aux"]
                if vecs.shape[1] == dim and aux_m.shape[1] == len(self.aux_names):
                    for i, (a, b) in enumerate(spans):
                        self.rows[(int(a), int(b))] = (vecs[i], bool(valid[i]), reasons[i], aux_m[i])
            except Exception as exc:  # noqa: BLE001 - a damaged cache is recomputed, never trusted
                log.warning("ignoring damaged feature cache %s: %s", self.path, exc)

    def missing(self, spans: list[tuple[int, int]]) -> list[int]:
        return [i for i, s in enumerate(spans) if s not in self.rows]

    def put(self, span, vec, valid: bool, reason: str, aux: dict[str, float] | None = None) -> None:
        a = np.array([(aux or {}).get(n, 0.0) for n in self.aux_names], np.float32)
        self.rows[span] = (np.asarray(vec, np.float32), bool(valid), reason, a)
        self.dirty = True

    def get(self, span):
        return self.rows[span]

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        spans = list(self.rows)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp.npz")
        np.savez(tmp, spans=np.array(spans, np.int64).reshape(-1, 2),
                 vectors=np.stack([self.rows[s][0] for s in spans]).reshape(len(spans), self.dim).astype(np.float32),
                 valid=np.array([self.rows[s][1] for s in spans], bool),
                 reasons=np.array(json.dumps([self.rows[s][2] for s in spans])),
                 aux=np.stack([self.rows[s][3] for s in spans]).reshape(len(spans), len(self.aux_names))
                 if spans else np.zeros((0, len(self.aux_names)), np.float32))
        tmp.replace(self.path)
        self.dirty = False


