"""Torch reference modules used by the exporters and the parity tests (imported only when exporting).

``GE2E`` re-implements Resemblyzer's tiny ``VoiceEncoder`` network (3-layer LSTM 40→256, linear 256, ReLU, L2)
so that its ``pretrained.pt`` loads *strictly* (minus the two training-only similarity scalars) without importing
the resemblyzer package (which pulls librosa and webrtcvad at import time).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import torch
from torch import nn


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(package)
    return Path(list(spec.submodule_search_locations)[0], *parts)


class GE2E(nn.Module):
    def __init__(self, n_mels: int = 40, hidden: int = 256, layers: int = 3, dim: int = 256) -> None:
        super().__init__()
        self.lstm = nn.LSTM(n_mels, hidden, layers, batch_first=True)
        self.linear = nn.Linear(hidden, dim)
        self.relu = nn.ReLU()

    def forward(self, mels: torch.Tensor) -> torch.Tensor:
        _, (hidden, _) = self.lstm(mels)
        e = self.relu(self.linear(hidden[-1]))
        return e / torch.norm(e, dim=1, keepdim=True).clamp_min(1e-12)

    @classmethod
    def from_checkpoint(cls, path: Path) -> "GE2E":
        ck = torch.load(path, map_location="cpu", weights_only=True)
        state = {k: v for k, v in ck["model_state"].items() if not k.startswith("similarity_")}
        m = cls()
        m.load_state_dict(state, strict=True)
        return m.eval()


class EfficientNetFeatures(nn.Module):
    """EfficientNet-Lite0 up to the 1280-d global-average-pooled feature (classifier dropped)."""

    def __init__(self, net: nn.Module) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net.extract_features(x).mean(dim=(2, 3))

    @classmethod
    def lite0(cls, weights: Path | None) -> "EfficientNetFeatures":
        from efficientnet_lite_pytorch import EfficientNet

        net = EfficientNet.from_name("efficientnet-lite0")
        if weights is not None:
            net.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True), strict=True)
        return cls(net).eval()
