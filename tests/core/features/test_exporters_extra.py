"""ECAPA-TDNN (SpeechBrain layout) and CLIP image tower (Hugging Face layout) exporters, on randomly initialised
models of the real layout (smaller widths to keep the tests fast), with ONNX-vs-torch parity over the whole front
end. Real weights come from the user's own files; nothing is downloaded."""

from __future__ import annotations

import importlib.util
import shutil

import numpy as np
import pytest

from svsg_desktop.core.errors import InputError
from svsg_desktop.core.models import frontends
from svsg_desktop.core.models.encoders import load_encoder
from svsg_desktop.core.models.registry import Registry

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.slow   # exports two models and imports speechbrain + transformers (~1 min on 2 cores)


@pytest.fixture
def tmp_registry(registry, tmp_path):
    shutil.copy(registry.root / "manifest.json", tmp_path / "manifest.json")
    return Registry(tmp_path)


def test_ecapa_export_and_parity(tmp_registry, tmp_path):
    if importlib.util.find_spec("speechbrain") is None:
        pytest.skip("speechbrain is not installed (export extra)")
    from svsg_desktop.core.models.export_extra import export_ecapa, import_speechbrain

    ECAPA_TDNN, Fbank = import_speechbrain()
    torch.manual_seed(0)
    model = ECAPA_TDNN(80, lin_neurons=192, channels=[64, 64, 64, 64, 192], kernel_sizes=[5, 3, 3, 3, 1],
                       dilations=[1, 2, 3, 4, 1], attention_channels=16).eval()
    ckpt = tmp_path / "embedding_model.ckpt"
    torch.save(model.state_dict(), ckpt)
    assert export_ecapa(ckpt, registry=tmp_registry) == "exported"
    assert tmp_registry.status("ecapa-tdnn") == "ok"
    assert tmp_registry.active("voice").id == "ecapa-tdnn"          # preferred over GE2E once installed
    fe = tmp_registry.spec("ecapa-tdnn").frontend
    wav = (np.random.default_rng(0).standard_normal(24000) * 0.1).astype(np.float32)
    # front end: numpy = SpeechBrain Fbank + sentence mean normalisation
    with torch.no_grad():
        ref = Fbank(n_mels=80)(torch.from_numpy(wav)[None])[0].numpy()
    ref = ref - ref.mean(axis=0, keepdims=True)
    got = frontends.fbank(wav, fe)
    assert got.shape == ref.shape
    np.testing.assert_allclose(got, ref, atol=2e-3)
    # whole chain: ONNX(numpy front end) = torch(SpeechBrain front end)
    enc = load_encoder("voice", device="cpu", registry=tmp_registry)
    assert enc.id == "ecapa-tdnn" and enc.dim == 192
    with torch.no_grad():
        want = model(torch.from_numpy(ref)[None]).squeeze(1).numpy()[0]
    e = enc.embed([wav])[0]
    np.testing.assert_allclose(e, want / np.linalg.norm(want), atol=1e-4)


def test_ecapa_rejects_a_wrong_checkpoint(tmp_registry, tmp_path):
    if importlib.util.find_spec("speechbrain") is None:
        pytest.skip("speechbrain is not installed (export extra)")
    from svsg_desktop.core.models.export_extra import export_ecapa

    bad = tmp_path / "bad.ckpt"
    torch.save({"x": torch.zeros(3)}, bad)
    with pytest.raises(InputError, match="ECAPA"):
        export_ecapa(bad, registry=tmp_registry)
    (tmp_path / "junk.ckpt").write_bytes(b"junk")
    with pytest.raises(InputError, match="checkpoint"):
        export_ecapa(tmp_path / "junk.ckpt", registry=tmp_registry)


def test_clip_export_and_parity(tmp_registry, tmp_path):
    transformers = pytest.importorskip("transformers")
    from svsg_desktop.core.models.export_extra import export_clip

    cfg = transformers.CLIPVisionConfig(hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                        num_attention_heads=2, image_size=224, patch_size=16, projection_dim=512)
    torch.manual_seed(0)
    model = transformers.CLIPVisionModelWithProjection(cfg).eval()
    d = tmp_path / "clip"
    model.save_pretrained(d)
    assert export_clip(d, registry=tmp_registry) == "exported"
    enc = load_encoder("image", device="cpu", registry=tmp_registry)
    assert enc.id == "clip-vit-b16" and enc.dim == 512
    img = np.random.default_rng(1).integers(0, 255, (180, 320, 3), dtype=np.uint8)
    fe = tmp_registry.spec("clip-vit-b16").frontend
    proc = transformers.CLIPImageProcessor(size={"shortest_edge": 224}, crop_size={"height": 224, "width": 224})
    ref = proc(images=img, return_tensors="np")["pixel_values"][0]
    got = frontends.image_input(img, fe)
    assert got.shape == ref.shape == (3, 224, 224)
    assert np.abs(got - ref).mean() < 0.02           # resize kernels differ slightly (PIL vs processor)
    with torch.no_grad():
        want = model(pixel_values=torch.from_numpy(got)[None]).image_embeds.numpy()[0]
    np.testing.assert_allclose(enc.embed([img])[0], want / np.linalg.norm(want), atol=1e-4)
    with pytest.raises(InputError, match="config.json"):
        export_clip(tmp_path, registry=tmp_registry)
