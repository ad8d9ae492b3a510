"""Exporters for models whose weights the user brings (nothing here downloads anything):

* ``svsg models export ecapa --checkpoint embedding_model.ckpt`` — SpeechBrain ``spkrec-ecapa-voxceleb`` layout
  (ECAPA-TDNN over 80 log-mel fbank, 192-d). The architecture comes from the ``speechbrain`` package; channel sizes
  are read from the checkpoint's tensor shapes, and the state dict is loaded strictly.
* ``svsg models export clip --model-dir DIR`` — Hugging Face ``openai/clip-vit-base-patch16`` layout
  (``config.json`` + weights): the image tower with its projection (512-d), loaded offline from DIR.

The ONNX models take the front end's output (``fbank`` frames / normalised 224² images); the numpy front ends in
:mod:`.frontends` reproduce SpeechBrain's ``Fbank`` + sentence mean normalisation and CLIP's preprocessing
(ONNX-vs-torch parity over the whole chain is tested). sha256 of the written file goes to ``installed.json``.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import types
from pathlib import Path

from ..errors import InputError, ModelError
from .export import onnx_bytes, write_atomic
from .registry import Registry, sha256_bytes

log = logging.getLogger(__name__)


def import_speechbrain():
    """Import SpeechBrain's ECAPA-TDNN and Fbank. SpeechBrain imports ``torchaudio`` at package import time for its
    audio I/O only; when torchaudio is absent (its wheels pin other torch builds) an empty module stands in, which
    these two classes never touch."""
    shim = None
    if "torchaudio" not in sys.modules and importlib.util.find_spec("torchaudio") is None:
        shim = types.ModuleType("torchaudio")
        shim.__version__ = "0.0.0"
        sys.modules["torchaudio"] = shim
    logging.getLogger("speechbrain").setLevel(logging.ERROR)
    try:
        from speechbrain.lobes.features import Fbank
        from speechbrain.lobes.models.ECAPA_TDNN import ECAPA_TDNN
    except ImportError as exc:
        raise ModelError(f"exporting ECAPA-TDNN needs the speechbrain package ({exc}); run "
                         "`pip install --no-deps speechbrain hyperpyyaml ruamel.yaml`", code="export_needs_package",
                         package="speechbrain") from None
    finally:
        if shim is not None and sys.modules.get("torchaudio") is shim:
            del sys.modules["torchaudio"]   # nobody else may take the stand-in for the real package
    return ECAPA_TDNN, Fbank


def ecapa_config(state: dict) -> dict:
    """ECAPA-TDNN constructor arguments read from a state dict's shapes (spkrec-ecapa-voxceleb: channels
    1024×4 + 3072, attention 128, 192-d)."""
    c0 = state["blocks.0.conv.conv.weight"]
    n_blocks = 1 + len({k.split(".")[1] for k in state if k.startswith("blocks.") and ".tdnn1." in k})
    channels = [int(c0.shape[0])] + [int(state[f"blocks.{i}.tdnn1.conv.conv.weight"].shape[0])
                                     for i in range(1, n_blocks)]
    channels.append(int(state["mfa.conv.conv.weight"].shape[0]))
    kernels = [int(c0.shape[2])] + [int(state[f"blocks.{i}.res2net_block.blocks.0.conv.conv.weight"].shape[2])
                                    for i in range(1, n_blocks)] + [1]
    return {"input_size": int(c0.shape[1]), "channels": channels, "kernel_sizes": kernels,
            "dilations": [1] + [i + 1 for i in range(1, n_blocks)] + [1],
            "attention_channels": int(state["asp.tdnn.conv.conv.weight"].shape[0]),
            "lin_neurons": int(state["fc.conv.weight"].shape[0])}


def load_ecapa(checkpoint: str | Path):
    import torch

    ECAPA_TDNN, _ = import_speechbrain()
    p = Path(checkpoint)
    try:
        state = torch.load(p, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise InputError("no such checkpoint", path=str(p), code="checkpoint_missing") from None
    except Exception as exc:  # noqa: BLE001 - pickle/zip errors
        raise InputError(f"not a PyTorch checkpoint: {exc}", path=str(p), code="checkpoint_bad") from None
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    try:
        cfg = ecapa_config(state)
        model = ECAPA_TDNN(**cfg)
        model.load_state_dict(state, strict=True)
    except (KeyError, RuntimeError) as exc:
        raise InputError(f"not a SpeechBrain ECAPA-TDNN embedding_model.ckpt: {exc}", path=str(p),
                         code="checkpoint_layout") from None
    return model.eval(), cfg




def export_ecapa(checkpoint: str | Path, *, registry: Registry | None = None) -> str:
    import torch

    reg = registry or Registry()
    spec = reg.spec("ecapa-tdnn")
    model, cfg = load_ecapa(checkpoint)
    if cfg["input_size"] != spec.frontend["n_mels"] or cfg["lin_neurons"] != spec.dim:
        raise InputError(f"checkpoint has {cfg['input_size']} input bands / {cfg['lin_neurons']}-d output; the "
                         f"manifest's ECAPA expects {spec.frontend['n_mels']} / {spec.dim}", path=str(checkpoint),
                         code="checkpoint_layout")

    class Wrapped(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, fbank):
            # lengths from the input (not a traced constant), so the batch size stays dynamic
            return self.m(fbank, lengths=torch.ones_like(fbank[:, 0, 0])).squeeze(1)

    # SpeechBrain's attentive pooling bakes the traced batch size into the graph: export (and run) one clip per
    # call — clip lengths differ anyway, and frames stay dynamic
    ex = torch.randn(1, 200, cfg["input_size"])
    data = onnx_bytes(Wrapped(model).eval(), (ex,), input_names=["fbank"], output_names=["embedding"],
                      dynamic_axes={"fbank": {1: "frames"}})
    return _install(reg, spec, data, source=str(checkpoint))


def load_clip(model_dir: str | Path):
    try:
        from transformers import CLIPVisionModelWithProjection
    except ImportError as exc:
        raise ModelError(f"exporting CLIP needs the transformers package ({exc}); run `pip install transformers`",
                         code="export_needs_package", package="transformers") from None
    d = Path(model_dir)
    if not (d / "config.json").is_file():
        raise InputError("not a Hugging Face model folder (config.json missing)", path=str(d), code="clip_dir")
    try:
        model = CLIPVisionModelWithProjection.from_pretrained(str(d), local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - transformers raises OSError/ValueError/…
        raise InputError(f"cannot load a CLIP vision model from this folder: {exc}", path=str(d),
                         code="clip_dir") from None
    return model.eval()


def export_clip(model_dir: str | Path, *, registry: Registry | None = None) -> str:
    import torch

    reg = registry or Registry()
    spec = reg.spec("clip-vit-b16")
    model = load_clip(model_dir)
    if model.config.projection_dim != spec.dim or model.config.image_size != spec.frontend["size"]:
        raise InputError(f"model gives {model.config.projection_dim}-d embeddings of {model.config.image_size}² "
                         f"images; expected {spec.dim}-d, {spec.frontend['size']}²", path=str(model_dir),
                         code="clip_layout")

    class Wrapped(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, image):
            return self.m(pixel_values=image).image_embeds

    size = spec.frontend["size"]
    data = onnx_bytes(Wrapped(model).eval(), (torch.randn(2, 3, size, size),), input_names=["image"],
                      output_names=["embedding"], dynamic_axes={"image": {0: "batch"}, "embedding": {0: "batch"}})
    return _install(reg, spec, data, source=str(model_dir))


def _install(reg: Registry, spec, data: bytes, *, source: str) -> str:
    sha = sha256_bytes(data)
    write_atomic(reg.path(spec.id), data)
    reg.record_installed(spec.id, sha, file=spec.file, exporter=spec.exporter, source=source)
    log.info("%s exported from %s (%d bytes)", spec.id, source, len(data))
    return "exported"
