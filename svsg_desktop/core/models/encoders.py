"""Voice and image encoders behind one interface: ``embed(items) -> (N, dim) float32``, L2-normalised rows.

A session is created once per encoder and reused; inputs are batched. Voice items are 16 kHz mono float32 clips,
image items are HxWx3 uint8 RGB arrays. The front end is chosen by the manifest entry's ``frontend.type``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import frontends
from .registry import LoadedModel, Registry
from .runtime import create_session

log = logging.getLogger(__name__)


def l2_normalise(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    return (x / np.maximum(n, 1e-12)).astype(np.float32)


@dataclass
class EncoderInfo:
    id: str
    kind: str
    dim: int
    sha256: str
    provider: str


class Encoder:
    """Base: one ONNX session, one front end, batched ``embed``."""

    kind = ""

    def __init__(self, model: LoadedModel, *, device: str = "auto", batch_size: int = 64) -> None:
        self.model = model
        self.spec = model.spec
        self.fe = dict(model.spec.frontend)
        self.batch_size = batch_size
        self.session, self.provider = create_session(model.data, name=model.spec.id, device=device)
        self.input_name = self.session.get_inputs()[0].name
        self.output_name = self.session.get_outputs()[0].name

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def dim(self) -> int:
        return int(self.spec.dim)

    @property
    def sha256(self) -> str:
        return self.model.sha256

    def info(self) -> EncoderInfo:
        return EncoderInfo(self.id, self.kind, self.dim, self.sha256, self.provider)

    def _run(self, batch: np.ndarray) -> np.ndarray:
        return self.session.run([self.output_name], {self.input_name: batch})[0]

    def embed(self, items: Sequence[np.ndarray]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError


class VoiceEncoder(Encoder):
    kind = "voice"

    def __init__(self, model: LoadedModel, *, device: str = "auto", batch_size: int = 256) -> None:
        super().__init__(model, device=device, batch_size=batch_size)

    def embed(self, items: Sequence[np.ndarray]) -> np.ndarray:
        if not len(items):
            return np.zeros((0, self.dim), np.float32)
        if self.fe["type"] == "ge2e_mel":
            return self._embed_partials(items)
        if self.fe["type"] == "fbank":
            return self._embed_fbank(items)
        raise ValueError(f"{self.id}: unknown voice front end {self.fe['type']!r}")

    def _embed_partials(self, items: Sequence[np.ndarray]) -> np.ndarray:
        parts = [frontends.ge2e_partials(w, self.fe) for w in items]
        owner = np.concatenate([np.full(len(p), i) for i, p in enumerate(parts)])
        allp = np.concatenate(parts)
        outs = [self._run(allp[i:i + self.batch_size]) for i in range(0, len(allp), self.batch_size)]
        emb = np.concatenate(outs).astype(np.float64)
        sums = np.zeros((len(items), emb.shape[1]))
        np.add.at(sums, owner, emb)
        return l2_normalise(sums / np.bincount(owner, minlength=len(items))[:, None])

    def _embed_fbank(self, items: Sequence[np.ndarray]) -> np.ndarray:
        # one clip per call: ECAPA's exported graph has a fixed batch of 1 (attentive pooling), lengths differ
        out = np.stack([self._run(frontends.fbank_input(w, self.fe)[None])[0] for w in items])
        return l2_normalise(out)


class ImageEncoder(Encoder):
    kind = "image"

    def embed(self, items: Sequence[np.ndarray]) -> np.ndarray:
        if not len(items):
            return np.zeros((0, self.dim), np.float32)
        outs = []
        for i in range(0, len(items), self.batch_size):
            batch = np.stack([frontends.image_input(im, self.fe) for im in items[i:i + self.batch_size]])
            outs.append(self._run(batch))
        return l2_normalise(np.concatenate(outs))


def load_encoder(kind: str, *, model_id: str | None = None, device: str = "auto",
                 registry: Registry | None = None) -> Encoder:
    """The active (or named) encoder of ``kind``, verified and with its session started."""
    reg = registry or Registry()
    spec = reg.spec(model_id) if model_id else reg.active(kind)
    model = reg.load(spec.id)
    cls = {"voice": VoiceEncoder, "image": ImageEncoder}[kind]
    enc = cls(model, device=device)
    log.info("%s encoder %s (%d-d) on %s", kind, enc.id, enc.dim, enc.provider)
    return enc
