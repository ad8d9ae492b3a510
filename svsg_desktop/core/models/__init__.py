"""Model registry (manifest + sha256), ONNX sessions, front ends and encoders. Torch is needed only to export."""

from .encoders import Encoder, ImageEncoder, VoiceEncoder, l2_normalise, load_encoder
from .registry import LoadedModel, ModelSpec, Registry, models_dir

__all__ = ["Encoder", "ImageEncoder", "VoiceEncoder", "l2_normalise", "load_encoder", "LoadedModel", "ModelSpec",
           "Registry", "models_dir"]
