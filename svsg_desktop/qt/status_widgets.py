"""Status bar pieces: the running job (stage, percent, time left, Cancel) and the engine line (models,
execution provider)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from .i18n import tr


def format_left(seconds: float) -> str:
    if seconds < 0:
        return ""
    s = int(round(seconds))
    m, s = divmod(s, 60)
    return tr("%1 left").replace("%1", f"{m}:{s:02d}" if m else f"{s} s")


class JobStatus(QWidget):
    """Hidden while idle. Connect to a :class:`~svsg_desktop.qt.jobs.JobRunner`."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.left = QLabel()
        self.cancel = QPushButton(tr("Cancel"))
        self.cancel.clicked.connect(runner.cancel)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        for w in (self.stage, self.bar, self.left, self.cancel):
            box.addWidget(w)
        runner.started.connect(self._on_started)
        runner.progress.connect(self._on_progress)
        runner.busyChanged.connect(self.setVisible)
        self.setVisible(False)

    def _on_started(self, name: str) -> None:
        self.stage.setText(name)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.left.setText("")

    def _on_progress(self, fraction: float, stage: str, left: float) -> None:
        self.stage.setText(stage)
        self.bar.setValue(int(1000 * max(0.0, min(1.0, fraction))))
        self.bar.setFormat(f"{100 * fraction:.0f}%")
        self.left.setText(format_left(left))


def engine_text(device: str) -> str:
    """'Models: GE2E voice, EfficientNet-Lite0 image · CPU' from the model registry, without loading a model."""
    parts = []
    try:
        from ..core.models import Registry

        reg = Registry()
        names = []
        for kind in ("voice", "image"):
            usable = [s.id for s in reg.candidates(kind) if reg.path(s.id).is_file()]
            names.append(usable[0] if usable else tr("%1 model missing").replace("%1", kind))
        parts.append(tr("Models: %1").replace("%1", ", ".join(names)))
    except Exception:  # noqa: BLE001 - absent or failing registry: say what we know
        parts.append(tr("Models: unknown"))
    provider = "CPU"
    try:
        import onnxruntime as ort

        available = ort.get_available_providers()
        if device != "cpu" and "CUDAExecutionProvider" in available:
            provider = "CUDA"
        elif device == "cuda":
            provider = tr("CPU (CUDA not available)")
    except Exception:  # noqa: BLE001
        provider = tr("no ONNX runtime")
    text = tr("Engine: %1").replace("%1", provider)
    return " · ".join(parts + [text])
