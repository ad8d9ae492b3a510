"""The character image feature: foreground from a background model, the speaking character chosen by mouth motion,
background masked out, whole-frame fallback flagged."""

from __future__ import annotations

import numpy as np

from svsg_desktop.core.features import image as img
from svsg_desktop.core.models.frontends import resize_rgb

H, W = 180, 320
WALLS = [(230, 220, 170), (60, 60, 80), (120, 190, 235)]


def scene(wall, chars, mouth_open=None):
    """A wall + floor background with stripes, and characters: (x, colour of body, colour of hair)."""
    f = np.empty((H, W, 3), np.uint8)
    f[:] = wall
    f[int(H * 0.72):] = (90, 80, 70)
    f[:int(H * 0.72), ::16] = (250, 250, 250)
    for k, (x, body, hair) in enumerate(chars):
        f[70:H, x - 25:x + 25] = body
        f[40:75, x - 15:x + 15] = (240, 200, 170)
        f[32:45, x - 16:x + 16] = hair
        if mouth_open == k:
            f[62:68, x - 5:x + 5] = (120, 20, 30)
    return f


def test_speaker_crop_found_by_mouth_motion():
    red, blue = ((200, 40, 40), (20, 20, 20)), ((40, 40, 200), (250, 220, 0))
    frames, extras = [], []
    rng = np.random.default_rng(0)
    for i in range(30):
        wall = WALLS[i % 3]
        x1, x2 = int(rng.integers(30, 130)), int(rng.integers(180, 290))
        speaker = i % 2
        frames.append(scene(wall, [(x1, *red), (x2, *blue)]))
        small = [resize_rgb(scene(wall, [(x1, *red), (x2, *blue)], mouth_open=m), img.AW, img.AH)
                 for m in (None, speaker, None)]       # analysis-size frames: closed, open, closed
        extras.append(small)
    crops = img.line_crops(frames, extras)
    assert sum(not c.fallback and c.motion for c in crops) >= 0.9 * len(crops)
    # the chosen crop shows the speaker's body colour rather than the other's, and little of the wall
    good = 0
    moving = [i for i, c in enumerate(crops) if c.motion]
    for i in moving:
        px = crops[i].image.reshape(-1, 3).astype(int)
        want = np.array(red[0] if i % 2 == 0 else blue[0])
        other = np.array(blue[0] if i % 2 == 0 else red[0])
        n_want = (np.abs(px - want).sum(axis=1) < 30).sum()
        n_other = (np.abs(px - other).sum(axis=1) < 30).sum()
        wall = (np.abs(px - np.array(WALLS[i % 3])).sum(axis=1) < 20).mean()
        good += n_want > 3 * n_other and wall < 0.15
    assert good >= 0.7 * len(moving)


def test_empty_scene_falls_back_to_whole_frame():
    frames = [scene(WALLS[i % 3], []) for i in range(9)]
    crops = img.line_crops(frames, [[] for _ in frames])
    assert all(c.fallback and not c.motion for c in crops)
    assert crops[0].image.shape == frames[0].shape


def test_combine_is_unit_norm():
    v = img.combine(np.ones((2, 8), np.float32), np.ones((2, img.HIST_BINS ** 3), np.float32))
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1, atol=1e-6)
