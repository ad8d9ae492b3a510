"""Issue 11 item 5: grouping heads are verified like the encoders — a flipped bit is a clear ModelError."""

import shutil

import pytest

from svsg_desktop.core.errors import ModelError
from svsg_desktop.core.grouping.heads import CHECKSUM_FILE, HEADS_FILE, Heads, default_heads_dir, head_files


def _copy(src, tmp_path):
    dst = tmp_path / "heads"
    shutil.copytree(src, dst)
    return dst


def _flip(path, offset: int = 7):
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x10
    path.write_bytes(bytes(data))


def test_trained_heads_record_every_file(tiny_heads):
    folder, meta = tiny_heads
    names = (folder / CHECKSUM_FILE).read_text(encoding="utf-8")
    for name in [HEADS_FILE, *head_files(meta)]:
        assert f"  {name}\n" in names
    Heads.load(folder)


@pytest.mark.parametrize("which", ["heads.json", "confidence_voice.onnx", "confidence_image.onnx", "merge.onnx",
                                   "voice_projection.npz"])
def test_shipped_heads_flipped_bit_is_refused(tmp_path, which):
    folder = _copy(default_heads_dir(), tmp_path)
    Heads.load(folder)                                            # the shipped heads verify
    if not (folder / which).exists():
        pytest.skip(f"shipped heads have no {which}")
    _flip(folder / which)
    with pytest.raises(ModelError, match="corrupt") as err:
        Heads.load(folder)
    assert which in str(err.value) and "svsg train" in str(err.value)
    assert err.value.code == "head_corrupt"


def test_missing_checksum_file_or_entry_is_refused(tiny_heads, tmp_path):
    folder = _copy(tiny_heads[0], tmp_path)
    sums = (folder / CHECKSUM_FILE).read_text(encoding="utf-8")
    (folder / CHECKSUM_FILE).write_text("".join(ln for ln in sums.splitlines(True) if "merge.onnx" not in ln),
                                        encoding="utf-8")
    with pytest.raises(ModelError, match="merge.onnx has no checksum"):
        Heads.load(folder)
    (folder / CHECKSUM_FILE).unlink()
    with pytest.raises(ModelError, match="no checksums"):
        Heads.load(folder)
