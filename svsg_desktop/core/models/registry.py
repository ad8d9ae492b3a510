"""Model registry: ``models/manifest.json`` says which models exist and how to feed them; files are verified by
sha256 before use.

Two kinds of record:

* ``manifest.json`` (committed): for each model its id, kind (``voice`` / ``image`` / ``vad``), file name, the
  reference sha256 of the ONNX file as the project's exporter writes it with the pinned torch, input spec, front-end
  parameters, output dimension, licence and source (package + sha256 of the source weights).
* ``installed.json`` (git-ignored, written by ``svsg models export``): the sha256 of each ONNX file as it was
  actually written on this machine. ONNX export is byte-deterministic for one torch version, but a different torch
  may write different (equivalent) bytes; the installed record is what a file is verified against, the manifest
  sha is the fallback when no record exists (e.g. a file copied from elsewhere). A model a user exports from their
  own checkpoint (ECAPA, CLIP) only has an installed record.

A missing or corrupt file raises :class:`ModelError` naming the command that fixes it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..paths import models_dir

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
INSTALLED = "installed.json"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class ModelSpec:
    id: str
    kind: str
    file: str
    dim: int
    sha256: str | None = None
    priority: int = 0
    default: bool = False
    exporter: str = ""
    licence: str = ""
    source: dict[str, Any] = field(default_factory=dict)
    input: dict[str, Any] = field(default_factory=dict)
    frontend: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ModelSpec":
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)

    def export_hint(self) -> str:
        if self.exporter in ("ecapa",):
            return f"svsg models export {self.exporter} --checkpoint PATH"
        if self.exporter in ("clip",):
            return f"svsg models export {self.exporter} --model-dir PATH"
        return f"svsg models export {self.id}"


@dataclass(frozen=True)
class LoadedModel:
    """A verified model file, read once into memory (sessions are created from these bytes)."""

    spec: ModelSpec
    path: Path
    data: bytes
    sha256: str


class Registry:
    """The manifest plus the installed records of one models folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else models_dir()
        path = self.root / MANIFEST
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError(f"model manifest not found: {path}", code="manifest_missing", path=str(path)) from None
        except (OSError, ValueError) as exc:
            raise ModelError(f"model manifest {path} is unreadable: {exc}", code="manifest_bad",
                             path=str(path)) from None
        self.specs: dict[str, ModelSpec] = {}
        for d in raw.get("models", []):
            spec = ModelSpec.from_dict(d)
            self.specs[spec.id] = spec

    # -- installed records -----------------------------------------------------------------------------------
    def installed(self) -> dict[str, dict[str, Any]]:
        try:
            return json.loads((self.root / INSTALLED).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("ignoring unreadable %s", self.root / INSTALLED)
            return {}

    def record_installed(self, model_id: str, sha: str, **extra: Any) -> None:
        """Atomically add/replace one record of ``installed.json``."""
        rec = self.installed()
        rec[model_id] = {"sha256": sha, **extra}
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".installed.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(rec, f, indent=2, sort_keys=True)
        os.replace(tmp, self.root / INSTALLED)

    def expected_sha(self, model_id: str) -> str | None:
        rec = self.installed().get(model_id)
        if rec and rec.get("sha256"):
            return rec["sha256"]
        return self.specs[model_id].sha256

    # -- queries ---------------------------------------------------------------------------------------------
    def spec(self, model_id: str) -> ModelSpec:
        try:
            return self.specs[model_id]
        except KeyError:
            raise ModelError(f"unknown model {model_id!r}; known: {', '.join(sorted(self.specs))}",
                             code="model_unknown", model=model_id) from None

    def path(self, model_id: str) -> Path:
        return self.root / self.spec(model_id).file

    def status(self, model_id: str) -> str:
        """``ok`` / ``missing`` / ``corrupt`` / ``unverified`` (file present, no sha to check against)."""
        p = self.path(model_id)
        if not p.is_file():
            return "missing"
        want = self.expected_sha(model_id)
        if not want:
            return "unverified"
        return "ok" if sha256_file(p) == want else "corrupt"

    def load(self, model_id: str) -> LoadedModel:
        """Read and verify a model file; raise :class:`ModelError` saying what to run when it is not usable."""
        spec = self.spec(model_id)
        p = self.path(model_id)
        hint = spec.export_hint()
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise ModelError(f"model {spec.id!r} is not installed ({p} is missing); run `{hint}`",
                             code="model_missing", model=spec.id, path=str(p), command=hint) from None
        except OSError as exc:
            raise ModelError(f"model {spec.id!r}: cannot read {p}: {exc}; run `{hint}`", code="model_unreadable",
                             model=spec.id, path=str(p), command=hint) from None
        sha = sha256_bytes(data)
        want = self.expected_sha(model_id)
        if want is None:
            raise ModelError(f"model {spec.id!r}: no checksum recorded for {p}; run `{hint}`",
                             code="model_unverified", model=spec.id, path=str(p), command=hint)
        if sha != want:
            raise ModelError(f"model {spec.id!r}: {p} is corrupt (sha256 {sha[:12]}… expected {want[:12]}…); "
                             f"run `{hint}`", code="model_corrupt", model=spec.id, path=str(p), command=hint)
        return LoadedModel(spec, p, data, sha)

    def candidates(self, kind: str) -> list[ModelSpec]:
        """Models of one kind, preferred first (higher priority first: ECAPA/CLIP over the defaults)."""
        specs = [s for s in self.specs.values() if s.kind == kind]
        return sorted(specs, key=lambda s: (-s.priority, s.id))

    def active(self, kind: str) -> ModelSpec:
        """The preferred model of ``kind`` whose file is usable; errors name the default's export command."""
        cands = self.candidates(kind)
        if not cands:
            raise ModelError(f"the manifest lists no {kind} model", code="model_kind_missing", kind=kind)
        for s in cands:
            if self.status(s.id) == "ok":
                return s
        default = next((s for s in cands if s.default), cands[-1])
        self.load(default.id)   # raises the precise missing/corrupt error
        return default  # pragma: no cover - load() raised
