"""Trained grouping heads at inference: confidence models (voice, image), the merge MLP and the calibrated
thresholds, stored together per encoder pair in a folder (``heads.json`` + ONNX files) and run with onnxruntime."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..io.atomic import atomic_write_text
from ..paths import heads_dir as default_heads_dir
from .adaptive import AdaptiveParams
from .agglomerate import AggloParams
from .inputs import Inputs, confidence_inputs, edge_features
from .projection import apply_projection, load_projection

log = logging.getLogger(__name__)
HEADS_FILE = "heads.json"
CHECKSUM_FILE = "heads.sha256"          # ``sha256sum`` format: heads.json and every file it names
THRESHOLD_METHODS = ("voice", "voice+image", "mlp")    # edge score + calibrated thresholds (agglomerate.py)
ADAPTIVE = "adaptive"                                   # episode-adaptive, no absolute cut (adaptive.py)
METHODS = (*THRESHOLD_METHODS, ADAPTIVE)
TRAIN_HINT = "run `svsg train` (or restore models/heads/ from the repository)"


def head_files(meta: dict) -> list[str]:
    """The files a heads.json names (ONNX heads, the voice projection), in a fixed order."""
    keys = ("confidence_voice", "confidence_image", "merge", "voice_projection")
    return [meta[k]["file"] for k in keys if isinstance(meta.get(k), dict) and meta[k].get("file")]


def write_checksums(folder: Path) -> None:
    """Record the sha256 of heads.json and of every file it names in ``heads.sha256`` (written last)."""
    folder = Path(folder)
    meta = json.loads((folder / HEADS_FILE).read_text(encoding="utf-8"))
    lines = [f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in [HEADS_FILE, *head_files(meta)]]
    atomic_write_text(folder / CHECKSUM_FILE, "".join(lines), encoding="utf-8")


def read_checksums(folder: Path) -> dict[str, str]:
    path = Path(folder) / CHECKSUM_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ModelError(f"grouping heads in {folder} have no checksums ({CHECKSUM_FILE} is missing or unreadable: "
                         f"{err}); {TRAIN_HINT}", code="heads_unverified", path=str(path)) from err
    sums = {}
    for line in text.splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2:
            sums[parts[1].lstrip("*")] = parts[0].lower()
    return sums


def _verified_bytes(folder: Path, name: str, sums: dict[str, str]) -> bytes:
    path = Path(folder) / name
    try:
        data = path.read_bytes()           # bytes, not a path: non-ASCII Windows paths
    except OSError as err:
        raise ModelError(f"cannot read grouping head {path}: {err}; {TRAIN_HINT}", code="head_missing",
                         path=str(path)) from err
    want = sums.get(name)
    if want is None:
        raise ModelError(f"grouping head {path} has no checksum in {CHECKSUM_FILE}; {TRAIN_HINT}",
                         code="heads_unverified", path=str(path))
    got = hashlib.sha256(data).hexdigest()
    if got != want:
        raise ModelError(f"grouping head {path} is corrupt (sha256 {got[:12]}… expected {want[:12]}…); "
                         f"{TRAIN_HINT}", code="head_corrupt", path=str(path))
    return data


def _session(path: Path, data: bytes | None = None):
    import onnxruntime as ort

    if data is None:                       # a Heads built in-process (the trainer's own output), not loaded
        try:
            data = path.read_bytes()
        except OSError as err:
            raise ModelError(f"cannot read grouping head {path}: {err}; {TRAIN_HINT}", code="head_missing",
                             path=str(path)) from err
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    try:
        return ort.InferenceSession(data, sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as err:  # onnxruntime raises its own exception types
        raise ModelError(f"grouping head {path} is not a valid ONNX model ({err}); {TRAIN_HINT}",
                         code="head_invalid", path=str(path)) from err


def _run(sess, x: np.ndarray, batch: int = 65536) -> np.ndarray:
    name = sess.get_inputs()[0].name
    out = [sess.run(None, {name: x[a:a + batch].astype(np.float32)})[0].reshape(-1) for a in range(0, len(x), batch)]
    return np.concatenate(out) if out else np.zeros(0, np.float32)


class Heads:
    """Load once, reuse: ``confidence(inputs)``, ``edge_scores(method, ...)``, ``params(method)``.
    :meth:`load` verifies every file against ``heads.sha256``; the plain constructor (used by the trainer on the
    folder it is writing) reads files as they are."""

    def __init__(self, folder: Path, meta: dict) -> None:
        self.folder = Path(folder)
        self.meta = meta
        self._sessions: dict[str, object] = {}
        self._data: dict[str, bytes] = {}          # verified file contents (see :meth:`load`)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> "Heads":
        """Read ``heads.json`` and verify it and every head file it names against ``heads.sha256``."""
        folder = Path(folder) if folder is not None else default_heads_dir()
        path = folder / HEADS_FILE
        if not path.exists():
            raise ModelError(f"no trained grouping heads in {folder}; {TRAIN_HINT}", code="heads_missing",
                             path=str(folder))
        try:
            meta = json.loads(_verified_bytes(folder, HEADS_FILE, read_checksums(folder)).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            raise ModelError(f"cannot read {path}: {err}; {TRAIN_HINT}", code="heads_invalid",
                             path=str(path)) from err
        sums = read_checksums(folder)
        heads = cls(folder, meta)
        heads._data = {name: _verified_bytes(folder, name, sums) for name in head_files(meta)}
        return heads

    def project(self, inp: Inputs) -> Inputs:
        """Apply the heads' learned voice projection (``voice_projection`` in heads.json), if any; idempotent.
        Every head and threshold was fitted in that space, so call this before confidence/edge scores."""
        spec = self.meta.get("voice_projection")
        if not spec:
            return inp
        if "projection" not in self._sessions:
            self._sessions["projection"] = load_projection(self.folder / spec["file"], self._data.get(spec["file"]))
        mean, matrix = self._sessions["projection"]
        return apply_projection(inp, mean, matrix)

    def _sess(self, key: str):
        if key not in self._sessions:
            name = self.meta[key]["file"]
            self._sessions[key] = _session(self.folder / name, self._data.get(name))
        return self._sessions[key]

    def check(self, inp: Inputs) -> None:
        """The heads were trained for one encoder pair: refuse features from another one."""
        m = self.meta
        if (inp.voice_model, inp.image_model) != (m["voice_model"], m["image_model"]) or \
                inp.voice.shape[1] != m["voice_dim"] or inp.image.shape[1] != m["image_dim"]:
            raise ModelError(
                f"grouping heads in {self.folder} were trained for {m['voice_model']} ({m['voice_dim']}-d) + "
                f"{m['image_model']} ({m['image_dim']}-d), but the features come from {inp.voice_model} "
                f"({inp.voice.shape[1]}-d) + {inp.image_model} ({inp.image.shape[1]}-d); {TRAIN_HINT} for this "
                "encoder pair", code="heads_mismatch")

    def confidence(self, inp: Inputs) -> tuple[np.ndarray, np.ndarray]:
        inp = self.project(inp)
        out = []
        for kind, valid in (("voice", inp.valid_voice), ("image", inp.valid_image)):
            key = f"confidence_{kind}"
            if not self.meta[key].get("file"):          # trained without any embedding of this kind
                out.append(np.zeros(len(inp), np.float32))
                continue
            mode = self.meta[key].get("inputs", "embedding+stats")
            raw = _run(self._sess(key), confidence_inputs(inp, kind, mode)) if len(inp) else np.zeros(0)
            cal = self.meta[key].get("calibration")
            c = np.interp(raw, cal["x"], cal["y"]) if cal else raw
            out.append(np.where(valid, np.clip(c, 0.0, 1.0), 0.0).astype(np.float32))
        return out[0], out[1]

    def merge_scores(self, feats: np.ndarray) -> np.ndarray:
        """The merge MLP's output for edge-feature rows (see :func:`~.inputs.edge_features`)."""
        return _run(self._sess("merge"), feats)

    def edge_scores(self, method: str, inp: Inputs, cv, ci, i, j) -> np.ndarray:
        feats = edge_features(inp, cv, ci, i, j)
        return score_edges(method, feats, self.meta, self.merge_scores)

    def adaptive_params(self) -> AdaptiveParams:
        """Settings of the episode-adaptive method (heads.json ``adaptive``; defaults where absent)."""
        return AdaptiveParams.from_dict(self.meta.get(ADAPTIVE))

    def params(self, method: str) -> AggloParams:
        try:
            return AggloParams.from_dict(self.meta["methods"][method])
        except KeyError as err:
            raise ModelError(f"heads in {self.folder} have no thresholds for method {method!r}; {TRAIN_HINT}",
                             code="heads_invalid") from err


def score_edges(method: str, feats: np.ndarray, meta: dict, mlp) -> np.ndarray:
    """Edge score per method: voice similarity; a logistic model on (voice, image) similarity; or the merge MLP."""
    if method == "voice":
        return feats[:, 0].astype(np.float32)
    if method == "voice+image":
        w = meta["linear"]
        z = w["w"][0] * feats[:, 0] + w["w"][1] * feats[:, 1] + w["b"]
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
    if method == "mlp":
        return mlp(feats).astype(np.float32) if len(feats) else np.zeros(0, np.float32)
    raise ValueError(f"unknown grouping method {method!r} (use one of {', '.join(METHODS)})")
