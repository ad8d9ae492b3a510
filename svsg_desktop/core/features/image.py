"""Image feature of a line: *who* is on screen, not *where*.

Per line one frame is grabbed at the line's anchor (inside its first half: a keyframe there, else early in the
line — whatever is cheapest to decode, see ``extract.anchor_ms``), plus analysis-size frames 0 / 170 / 340 / 510 ms
from it (mouth flaps). Per line:

1. **Background model** — frames of the episode that look alike (same set/shot: nearest neighbours on 32×18
   thumbnails) give a per-pixel median background; pixels far from it are foreground (characters). The frame's
   border colours are a second background cue (a pixel whose colour is common on the frame border is background).
2. **Speaker choice** — of the foreground components (characters), the one holding the small region that changes
   between the frames (a mouth moving: the speaking character) is chosen; else the largest one. No moving mouth
   (``mouth_motion`` = 0) often means the speaker is off screen: a cue for the confidence model.
3. **Embedding** — the chosen character's box, background pixels painted neutral grey (so the set cannot leak in),
   padded to a square, goes through the image encoder; a coarse colour histogram of its foreground pixels (hair,
   skin, eyes, clothes) is appended.
When no character is found the whole frame is embedded and the line is flagged ``image_fallback``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

PIPELINE_VERSION = "character-v5"   # v5: the line's frame at its cheapest time to decode
AW, AH = 160, 90          # analysis resolution
HIST_BINS = 4             # per channel → 64 colours
HIST_WEIGHT = 0.25        # weight of the colour cue in the final vector
NEIGHBOURS = 9


@dataclass
class Crop:
    image: np.ndarray       # RGB crop (square-padded) to embed
    hist: np.ndarray        # (HIST_BINS**3,) colour histogram of the foreground, sqrt-normalised
    fallback: bool          # True: no character found, whole frame
    motion: bool            # True: a moving mouth picked the character


def _small(img: np.ndarray, w: int, h: int) -> np.ndarray:
    from ..models.frontends import resize_rgb

    if img.shape[:2] == (h, w):
        return img.astype(np.int16)
    return resize_rgb(img, w, h).astype(np.int16)


def background_models(frames: list[np.ndarray]) -> list[np.ndarray]:
    """Per frame, the median of its most similar frames in the episode (analysis resolution)."""
    small = np.stack([_small(f, AW, AH) for f in frames]) if frames else np.zeros((0, AH, AW, 3), np.int16)
    thumbs = small[:, ::5, ::5].reshape(len(frames), -1).astype(np.float32)
    out = []
    for i in range(len(frames)):
        d = np.abs(thumbs - thumbs[i]).mean(axis=1)
        d[i] = np.inf
        near = np.argsort(d)[:NEIGHBOURS]
        limit = min(40.0, 3.0 * float(d[near[0]]) + 6.0) if len(near) else 0.0
        near = near[d[near] < limit]        # only frames of the same set
        if len(near) < 2:
            out.append(None)
            continue
        out.append(np.median(np.concatenate([small[near], small[i:i + 1]]), axis=0).astype(np.int16))
    return out, small


def _border_mask(a: np.ndarray) -> np.ndarray:
    """Pixels whose quantised colour is common on the frame's border (background by the border statistics)."""
    q = (a // 32).astype(np.int32)
    code = q[..., 0] * 64 + q[..., 1] * 8 + q[..., 2]
    border = np.concatenate([code[0], code[-1], code[:, 0], code[:, -1]])
    counts = np.bincount(border, minlength=512)
    common = counts >= max(3, 0.02 * len(border))
    return common[code]


def foreground(a: np.ndarray, bg: np.ndarray | None) -> np.ndarray:
    if bg is not None:
        fg = np.abs(a - bg).max(axis=2) > 28
    else:
        fg = ~_border_mask(a)
    fg = ndimage.binary_opening(fg, iterations=1)
    return ndimage.binary_closing(fg, iterations=2)


def colour_hist(pixels: np.ndarray) -> np.ndarray:
    if len(pixels) == 0:
        return np.zeros(HIST_BINS ** 3, np.float32)
    q = np.clip(pixels.astype(np.int32) * HIST_BINS // 256, 0, HIST_BINS - 1)
    h = np.bincount(q[:, 0] * HIST_BINS * HIST_BINS + q[:, 1] * HIST_BINS + q[:, 2], minlength=HIST_BINS ** 3)
    h = np.sqrt(h / h.sum())
    return (h / max(np.linalg.norm(h), 1e-12)).astype(np.float32)


def square(img: np.ndarray) -> np.ndarray:
    h, w = img.shape[:2]
    s = max(h, w)
    out = np.full((s, s, 3), 127, np.uint8)
    y, x = (s - h) // 2, (s - w) // 2
    out[y:y + h, x:x + w] = img
    return out


def character_crop(frame: np.ndarray, small: np.ndarray, bg: np.ndarray | None,
                   others: list[np.ndarray]) -> Crop:
    fg = foreground(small, bg)
    # parts of one character (hair, body) separated by a background-coloured gap (skin close to the wall) join
    lab, n = ndimage.label(ndimage.binary_dilation(fg, iterations=3))
    lab[~fg] = 0
    min_area = 0.015 * AW * AH
    # a character is a vertical stack (hair, face, body): merge parts that overlap horizontally
    objs = [(k, sl) for k, sl in enumerate(ndimage.find_objects(lab), start=1) if sl is not None]
    parent = np.arange(n + 1)

    def root(k: int) -> int:
        while parent[k] != k:
            k = parent[k]
        return k

    for a in range(len(objs)):
        for b in range(a + 1, len(objs)):
            (ka, sa), (kb, sb) = objs[a], objs[b]
            lo, hi = max(sa[1].start, sb[1].start), min(sa[1].stop, sb[1].stop)
            narrow = min(sa[1].stop - sa[1].start, sb[1].stop - sb[1].start)
            if hi - lo >= 0.6 * narrow:
                parent[root(kb)] = root(ka)
    lab = np.array([root(k) for k in range(n + 1)])[lab]
    comps = []
    for k, sl in enumerate(ndimage.find_objects(lab), start=1):
        if sl is None:
            continue
        area = int((lab[sl] == k).sum())
        if area >= min_area:
            comps.append((area, k, sl))
    if not comps or sum(c[0] for c in comps) > 0.85 * AW * AH:
        return Crop(frame, colour_hist(frame.reshape(-1, 3)[::7]), True, False)
    chosen, motion = None, False
    # motion between frames converted the same way (the analysis-size frames), never against ``small``
    moving = np.zeros(small.shape[:2], bool)
    for a, b in zip(others, others[1:]):
        if a.shape == b.shape == small.shape:
            moving |= np.abs(a - b).max(axis=2) > 40
    if len(others) >= 2:
        frac = moving.mean()
        if 0 < frac < 0.03:
            ys, xs = np.nonzero(moving)
            cy, cx = int(np.median(ys)), int(np.median(xs))
            best = None
            for area, k, sl in comps:   # the character whose box holds (or is nearest to) the moving region
                ys_, xs_ = sl
                dx = max(xs_.start - cx, 0, cx - xs_.stop + 1)
                dy = max(ys_.start - cy, 0, cy - ys_.stop + 1)
                if dx <= 3 and dy <= 6 and (best is None or dx + dy < best[0]):
                    best = (dx + dy, (area, k, sl))
            if best is not None:
                chosen, motion = best[1], True
    if chosen is None:
        chosen = max(comps)
    _, k, (ys_, xs_) = chosen
    fh, fw = frame.shape[:2]
    sy, sx = fh / AH, fw / AW
    y0, y1 = int(ys_.start * sy), int(ys_.stop * sy)
    x0, x1 = int(xs_.start * sx), int(xs_.stop * sx)
    # characters stand on the frame bottom: keep head and upper body (identity) rather than legs
    y1 = min(y1, y0 + max(int(1.4 * (x1 - x0)), 8))
    pad = int(0.06 * max(y1 - y0, x1 - x0))
    y0, y1, x0, x1 = max(0, y0 - pad), min(fh, y1 + pad), max(0, x0 - pad), min(fw, x1 + pad)
    mask = lab == k
    # fill each column between its top and bottom foreground pixel (a face the colour of the wall stays in)
    cols = mask.any(axis=0)
    top = np.where(cols, mask.argmax(axis=0), AH)
    bottom = np.where(cols, AH - 1 - mask[::-1].argmax(axis=0), -1)
    rows = np.arange(AH)[:, None]
    mask = (rows >= top[None, :]) & (rows <= bottom[None, :])
    pix = small[mask]
    # background → grey, at crop resolution (nearest-neighbour upsampling of the analysis mask)
    yy = np.minimum((np.arange(y0, y1) / sy).astype(int), AH - 1)
    xx = np.minimum((np.arange(x0, x1) / sx).astype(int), AW - 1)
    m = ndimage.binary_dilation(mask, iterations=1)[yy][:, xx]
    crop = frame[y0:y1, x0:x1].copy()
    crop[~m] = 127
    return Crop(square(crop), colour_hist(pix), False, motion)


def line_crops(frames: list[np.ndarray], extra: list[list[np.ndarray]]) -> list[Crop]:
    """``frames[i]``: midpoint frame of line i; ``extra[i]``: analysis-size frames at the midpoint and a little
    later (mouth motion), maybe empty."""
    bgs, small = background_models(frames)
    crops = []
    for i, f in enumerate(frames):
        others = [_small(o, AW, AH) for o in extra[i]]
        crops.append(character_crop(f, small[i], bgs[i], others))
    return crops


def combine(embedding: np.ndarray, hist: np.ndarray) -> np.ndarray:
    """Final image vector: [embedding, weight × colour histogram], L2-normalised."""
    v = np.concatenate([embedding, HIST_WEIGHT * hist], axis=-1)
    return (v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)).astype(np.float32)
