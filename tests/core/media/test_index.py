"""The packet index's reading of NAL unit headers (which pictures are references) and its cost model, on
hand-made packets: the real-file checks are in tests/core/features/test_frame_plan.py."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svsg_desktop.core.media.index import SEEK_FRAMES, SKIPPED_COST, VideoIndex, _length_size, is_reference


def _avcc(*nals: bytes, size: int = 4) -> memoryview:
    return memoryview(b"".join(len(n).to_bytes(size, "big") + n for n in nals))


def test_h264_reference_flag_from_the_first_slice():
    aud, sei = b"\x09\xf0", b"\x06\x05\x10" + b"\x00" * 16
    assert is_reference("h264", _avcc(aud, sei, b"\x65\x88\x84"), 4)          # IDR slice, nal_ref_idc 3
    assert is_reference("h264", _avcc(aud, b"\x41\x9a\x00"), 4)               # P slice, nal_ref_idc 2
    assert not is_reference("h264", _avcc(aud, sei, b"\x01\x9e\x00"), 4)      # B slice, nal_ref_idc 0
    assert not is_reference("h264", _avcc(b"\x01\x9e\x00", size=2), 2)       # 2-byte length prefix
    annexb = memoryview(b"\x00\x00\x00\x01\x09\xf0\x00\x00\x01\x01\x9e\x00")
    assert not is_reference("h264", annexb, 0)                               # start codes (MPEG-TS)
    assert is_reference("h264", _avcc(aud, sei), 4)                           # no slice at all: assume needed


def test_hevc_reference_flag_from_the_nal_type():
    # type << 1 in the first header byte: TRAIL_N (0) and RASL_N (8) are non-reference, TRAIL_R (1), CRA (21) are
    assert not is_reference("hevc", _avcc(bytes([0 << 1, 1]) + b"\xaf"), 4)
    assert not is_reference("hevc", _avcc(bytes([35 << 1, 1]) + b"\x10", bytes([8 << 1, 1]) + b"\xaf"), 4)
    assert is_reference("hevc", _avcc(bytes([1 << 1, 1]) + b"\xaf"), 4)
    assert is_reference("hevc", _avcc(bytes([21 << 1, 1]) + b"\xaf"), 4)
    assert is_reference("vp9", memoryview(b"\x00\x00\x00"), 0)                 # unknown codec: every frame counts


def test_length_size_from_extradata():
    assert _length_size("h264", bytes([1, 100, 0, 31, 0xFF])) == 4
    assert _length_size("h264", bytes([1, 100, 0, 31, 0xFD])) == 2
    assert _length_size("hevc", bytes([1] + [0] * 20 + [0x0F])) == 4
    assert _length_size("h264", b"\x00\x00\x00\x01\x67") == 0 and _length_size("h264", None) == 0


@settings(max_examples=200, deadline=None)
@given(codec=st.sampled_from(["h264", "hevc", "mpeg4"]), data=st.binary(max_size=300),
       size=st.sampled_from([0, 1, 2, 4]))
def test_any_bytes_give_an_answer_never_an_error(codec, data, size):
    assert is_reference(codec, memoryview(data), size) in (True, False)


def test_cost_counts_reference_frames_and_skipped_ones_cheaply():
    t = np.arange(48) * 1000 / 24
    ref = np.array([k % 2 == 0 for k in range(48)])   # every other frame a non-reference B-frame
    idx = VideoIndex(t, t[[0, 20]], ref)
    assert idx.nonref_count == 24
    assert idx.cost("sequential", [float(t[9])]) == pytest.approx(5 + 5 * SKIPPED_COST)
    assert list(idx.ref_within(t[1], t[3])) == [t[2]]
    # from frame 1 to the keyframe at frame 20: 19 frames but 10 to decode (+9 skipped): cheaper than a seek …
    assert idx.seek_to(float(t[1]), float(t[30])) is None
    # … whereas 19 reference frames are not
    assert VideoIndex(t, t[[0, 20]]).seek_to(float(t[1]), float(t[30])) == pytest.approx(t[20])
    far = VideoIndex(np.arange(200) * 1000 / 24, np.array([0.0, 150 * 1000 / 24]), np.ones(200, bool))
    assert far.seek_to(1000 / 24, 160 * 1000 / 24) == pytest.approx(150 * 1000 / 24)
    assert far.cost("seek", [0.0, 160 * 1000 / 24]) == pytest.approx(2 * SEEK_FRAMES + 1 + 11)   # two starts
    with pytest.raises(ValueError):
        VideoIndex(t, t[:1], ref[:3])


def test_read_index_of_a_codec_this_ffmpeg_cannot_decode_is_none(monkeypatch, tmp_path):
    """PyAV 12 (the bundle's, on its decode-only FFmpeg) opens no decoder for an unknown codec: the stream's
    ``codec_context`` is None. The index must say "nothing to index" (grab_frames then gives every line the
    reason) instead of an AttributeError that stopped the frozen CLI (bundle smoke test, FFV1 video)."""
    from types import SimpleNamespace

    from svsg_desktop.core.media import frames

    closed = []
    fake = SimpleNamespace(streams=SimpleNamespace(video=[SimpleNamespace(codec_context=None)]),
                           close=lambda: closed.append(True))
    monkeypatch.setattr(frames, "open_container", lambda path: fake)
    assert frames.read_index(tmp_path / "ffv1.mkv") is None
    assert closed == [True]
