"""onnxruntime sessions: created once from model bytes (non-ASCII Windows paths), on CUDA when available.

``device``: ``"auto"`` (CUDA when onnxruntime offers ``CUDAExecutionProvider`` and a session really starts on it,
else CPU), ``"cuda"`` (same, but falling back is logged as a warning) or ``"cpu"``.
"""

from __future__ import annotations

import logging

from ..errors import ModelError

log = logging.getLogger(__name__)

CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"
DEVICES = ("auto", "cpu", "cuda")      # the one list (command line options, the app's settings)
_preloaded = False


def available_providers() -> list[str]:
    import onnxruntime as ort

    return list(ort.get_available_providers())


def _preload_cuda() -> None:
    """onnxruntime-gpu ≥ 1.19 can load CUDA/cuDNN from the nvidia-* pip packages; harmless elsewhere."""
    global _preloaded
    if _preloaded:
        return
    _preloaded = True
    import onnxruntime as ort

    preload = getattr(ort, "preload_dlls", None)
    if preload is not None:
        try:
            preload()
        except Exception as exc:  # noqa: BLE001 - best effort
            log.debug("onnxruntime.preload_dlls failed: %s", exc)


def choose_providers(device: str = "auto") -> tuple[list[str], str]:
    """(providers to try, a note for the user when CUDA was wanted but is not there)."""
    device = (device or "auto").lower()
    if device not in DEVICES:
        raise ValueError(f"device must be auto, cpu or cuda, not {device!r}")
    if device == "cpu":
        return [CPU], ""
    avail = available_providers()
    if CUDA in avail:
        return [CUDA, CPU], ""
    note = "" if device == "auto" else "CUDA requested but onnxruntime has no CUDAExecutionProvider " \
                                       "(install the gpu extra: onnxruntime-gpu); running on CPU"
    return [CPU], note


def create_session(data: bytes, *, name: str = "model", device: str = "auto", threads: int = 0):
    """Return ``(session, provider)``; ``provider`` is the execution provider that really runs the model."""
    sess, provider, why = start_session(data, name=name, device=device, threads=threads)
    if why:
        log.warning("%s: %s", name, why)
    return sess, provider


def start_session(data: bytes, *, name: str = "model", device: str = "auto", threads: int = 0):
    """Return ``(session, provider, why)``: the provider the session really runs on (``session.get_providers()``,
    not what the wheel lists) and, when CUDA was asked for (``cuda``) or offered (``auto``) but the session is on
    CPU, the reason."""
    import onnxruntime as ort

    providers, why = choose_providers(device)
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    # no busy-waiting between ops: encoders run beside the video decoder threads on few cores, and spinning
    # threads steal the CPU the decoder needs
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
    if threads:
        opts.intra_op_num_threads = threads
    if CUDA in providers:
        _preload_cuda()
        try:
            sess = ort.InferenceSession(data, sess_options=opts, providers=providers)
            active = sess.get_providers()[0]
            if active == CUDA:
                return sess, active, ""
            why = (f"onnxruntime lists {CUDA} but a session did not start on it (no usable GPU, or the CUDA/cuDNN "
                   f"libraries are missing); running on {active}")
            return sess, active, why
        except Exception as exc:  # noqa: BLE001 - fall back cleanly, say why
            why = f"a CUDA session failed ({exc}); running on CPU"
    try:
        sess = ort.InferenceSession(data, sess_options=opts, providers=[CPU])
    except Exception as exc:  # noqa: BLE001 - a corrupt model that passed no checksum (user file)
        raise ModelError(f"{name}: onnxruntime cannot load the model: {exc}; run `svsg models export`",
                         code="model_invalid", model=name) from None
    return sess, sess.get_providers()[0], why


def session_provider(data: bytes, *, name: str = "model", device: str = "auto") -> tuple[str, str]:
    """``(provider, why)`` a real session of this model gets with ``device`` (for ``svsg models list``)."""
    _, provider, why = start_session(data, name=name, device=device)
    return provider, why
