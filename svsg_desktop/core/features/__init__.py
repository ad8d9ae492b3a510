"""Per-line features: voice + image embeddings, quality stats, VAD lines, on-disk cache."""

from .extract import extract_features
from .featureset import FeatureSet
from .lines_from_vad import vad_lines

__all__ = ["FeatureSet", "extract_features", "vad_lines"]
