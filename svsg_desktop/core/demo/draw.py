"""Drawing with numpy only: background "locations" (rooms with distinct colours and patterns) and cartoon
characters built from ellipses, rectangles and triangles (hair colour/shape, eye colour, face and body shape,
clothes). Frames are RGB ``uint8`` arrays of shape (height, width, 3)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .script import Character


@dataclass(frozen=True)
class Location:
    name: str
    wall: tuple[int, int, int]
    floor: tuple[int, int, int]
    pattern: str            # stripes, checks, windows, dots, bricks, outdoor
    accent: tuple[int, int, int]


LOCATIONS = (
    Location("kitchen", (238, 226, 170), (150, 110, 80), "checks", (255, 255, 255)),
    Location("classroom", (200, 215, 190), (170, 140, 100), "board", (40, 80, 50)),
    Location("park", (150, 200, 245), (80, 170, 70), "outdoor", (40, 110, 40)),
    Location("office", (175, 180, 190), (90, 90, 100), "windows", (220, 235, 250)),
    Location("bedroom", (235, 190, 205), (130, 90, 120), "stripes", (250, 220, 230)),
    Location("street", (60, 60, 80), (50, 50, 55), "bricks", (150, 70, 50)),
    Location("beach", (120, 190, 235), (235, 215, 150), "sea", (40, 110, 190)),
    Location("library", (120, 75, 50), (90, 55, 40), "shelves", (200, 60, 60)),
)


def _grid(h: int, w: int):
    return np.mgrid[0:h, 0:w]


def background(loc: Location, width: int, height: int) -> np.ndarray:
    img = np.empty((height, width, 3), np.uint8)
    horizon = int(height * 0.72)
    img[:horizon] = loc.wall
    img[horizon:] = loc.floor
    yy, xx = _grid(height, width)
    u = max(4, width // 24)
    if loc.pattern == "checks":
        m = (((yy // u) + (xx // u)) % 2 == 0) & (yy >= horizon)
        img[m] = loc.accent
    elif loc.pattern == "stripes":
        m = ((xx // u) % 2 == 0) & (yy < horizon)
        img[m] = loc.accent
    elif loc.pattern == "board":
        img[int(height * .12):int(height * .45), int(width * .15):int(width * .85)] = loc.accent
    elif loc.pattern == "windows":
        for x0 in (0.08, 0.40, 0.72):
            img[int(height * .10):int(height * .42), int(width * x0):int(width * (x0 + .2))] = loc.accent
    elif loc.pattern == "outdoor":
        for cx in (0.12, 0.88):
            _ellipse(img, height * .35, width * cx, height * .22, width * .09, loc.accent)
    elif loc.pattern == "bricks":
        m = ((yy // u) % 2 == 0) ^ (((xx + (yy // u % 2) * u // 2) // u) % 2 == 0)
        img[m & (yy < horizon)] = loc.accent
    elif loc.pattern == "sea":
        img[int(height * .45):horizon] = loc.accent
        _ellipse(img, height * .15, width * .85, height * .08, height * .08, (255, 230, 80))
    elif loc.pattern == "shelves":
        for k in range(4):
            y0 = int(height * (0.08 + 0.16 * k))
            img[y0:y0 + max(2, height // 60)] = (60, 35, 20)
            books = (xx // max(3, width // 80)) % 3
            band = (yy > y0 - height * .11) & (yy < y0)
            img[band & (books == 0)] = loc.accent
            img[band & (books == 1)] = (60, 90, 160)
    return img


def _bbox(img, cy, cx, ry, rx):
    h, w = img.shape[:2]
    y0, y1 = max(0, int(cy - ry)), min(h, int(cy + ry) + 1)
    x0, x1 = max(0, int(cx - rx)), min(w, int(cx + rx) + 1)
    return y0, y1, x0, x1


def _ellipse(img, cy, cx, ry, rx, colour, where=None):
    y0, y1, x0, x1 = _bbox(img, cy, cx, ry, rx)
    if y1 <= y0 or x1 <= x0:
        return
    yy, xx = np.mgrid[y0:y1, x0:x1]
    m = ((yy - cy) / max(ry, 1e-3)) ** 2 + ((xx - cx) / max(rx, 1e-3)) ** 2 <= 1.0
    if where is not None:
        m &= where(yy, xx)
    img[y0:y1, x0:x1][m] = colour


def _rect(img, y0, y1, x0, x1, colour, where=None):
    h, w = img.shape[:2]
    y0, y1, x0, x1 = max(0, int(y0)), min(h, int(y1)), max(0, int(x0)), min(w, int(x1))
    if y1 <= y0 or x1 <= x0:
        return
    if where is None:
        img[y0:y1, x0:x1] = colour
    else:
        yy, xx = np.mgrid[y0:y1, x0:x1]
        img[y0:y1, x0:x1][where(yy, xx)] = colour


def _triangle(img, apex, left, right, colour):
    """Filled triangle with an apex (y, x) and two base points (y, x)."""
    pts = np.array([apex, left, right], float)
    y0, y1 = int(pts[:, 0].min()), int(pts[:, 0].max()) + 1
    x0, x1 = int(pts[:, 1].min()), int(pts[:, 1].max()) + 1
    h, w = img.shape[:2]
    y0, y1, x0, x1 = max(0, y0), min(h, y1), max(0, x0), min(w, x1)
    if y1 <= y0 or x1 <= x0:
        return
    yy, xx = np.mgrid[y0:y1, x0:x1]

    def side(a, b):
        return (b[1] - a[1]) * (yy - a[0]) - (b[0] - a[0]) * (xx - a[1])

    s1, s2, s3 = side(pts[0], pts[1]), side(pts[1], pts[2]), side(pts[2], pts[0])
    m = ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))
    img[y0:y1, x0:x1][m] = colour


def _shade(colour, f):
    return tuple(int(np.clip(c * f, 0, 255)) for c in colour)


def draw_character(img: np.ndarray, ch: Character, cx: float, scale: float = 1.0, dy: float = 0.0,
                   mouth_open: bool = False) -> None:
    """Draw ``ch`` in place, centred at x = ``cx`` (pixels), standing on the floor; ``scale`` ~1 for a medium
    shot, ``dy`` shifts vertically (pixels)."""
    h = img.shape[0]
    s = h * scale * ch.height
    head_r = 0.13 * s
    head_cy = h - 0.60 * s + dy
    rx, ry = {"round": (1.0, 1.0), "oval": (0.85, 1.15), "wide": (1.2, 0.95), "long": (0.8, 1.3)}[ch.face]
    hx, hy = head_r * rx, head_r * ry
    body_top = head_cy + hy * 0.85
    cloth = ch.clothes
    dark = _shade(cloth, 0.55)

    def pattern(yy, xx):
        if ch.pattern == "stripes":
            return ((yy // max(2, int(s * 0.03))) % 2) == 0
        if ch.pattern == "dots":
            q = max(3, int(s * 0.05))
            return ((yy % q) - q / 2) ** 2 + ((xx % q) - q / 2) ** 2 < (q / 4) ** 2
        return np.zeros_like(yy, bool)

    # Long hair goes behind the head and shoulders.
    if ch.hair_style == "long":
        _rect(img, head_cy - hy * 0.3, head_cy + hy * 2.0, cx - hx * 1.25, cx + hx * 1.25, ch.hair_colour)
    # Body.
    if ch.body == "slim":
        _ellipse(img, body_top + 0.33 * s, cx, 0.36 * s, 0.17 * s, cloth)
        _ellipse(img, body_top + 0.33 * s, cx, 0.36 * s, 0.17 * s, dark, pattern)
    elif ch.body == "broad":
        _ellipse(img, body_top + 0.08 * s, cx, 0.08 * s, 0.30 * s, cloth)
        _rect(img, body_top + 0.08 * s, h, cx - 0.30 * s, cx + 0.30 * s, cloth)
        _rect(img, body_top + 0.08 * s, h, cx - 0.30 * s, cx + 0.30 * s, dark, pattern)
    elif ch.body == "dress":
        _triangle(img, (body_top, cx), (h + 0.05 * s, cx - 0.33 * s), (h + 0.05 * s, cx + 0.33 * s), cloth)
        _ellipse(img, body_top + 0.05 * s, cx, 0.06 * s, 0.12 * s, cloth)
    else:  # stocky
        _ellipse(img, body_top + 0.35 * s, cx, 0.38 * s, 0.27 * s, cloth)
        _ellipse(img, body_top + 0.35 * s, cx, 0.38 * s, 0.27 * s, dark, pattern)
    # Neck and head.
    _rect(img, head_cy + hy * 0.6, body_top + 0.03 * s, cx - hx * 0.3, cx + hx * 0.3, _shade(ch.skin, 0.9))
    _ellipse(img, head_cy, cx, hy, hx, ch.skin)
    # Hair on top.
    hc = ch.hair_colour
    top = lambda yy, xx: yy < head_cy - hy * 0.35  # noqa: E731
    if ch.hair_style in ("short", "long", "bob", "bun"):
        _ellipse(img, head_cy - hy * 0.15, cx, hy * 1.02, hx * 1.05, hc, top)
    if ch.hair_style == "bob":
        for sx in (-1, 1):
            _ellipse(img, head_cy + hy * 0.1, cx + sx * hx * 0.95, hy * 0.75, hx * 0.3, hc)
    if ch.hair_style == "bun":
        _ellipse(img, head_cy - hy * 1.25, cx, hy * 0.35, hx * 0.35, hc)
    if ch.hair_style == "spiky":
        for k in range(-2, 3):
            bx = cx + k * hx * 0.42
            _triangle(img, (head_cy - hy * 1.6, bx + k * hx * 0.1), (head_cy - hy * 0.45, bx - hx * 0.3),
                      (head_cy - hy * 0.45, bx + hx * 0.3), hc)
        _ellipse(img, head_cy - hy * 0.2, cx, hy * 0.95, hx, hc, top)
    if ch.hair_style == "mohawk":
        _rect(img, head_cy - hy * 1.55, head_cy - hy * 0.5, cx - hx * 0.22, cx + hx * 0.22, hc)
    # Eyes, glasses, mouth.
    ey = head_cy - hy * 0.05
    er = head_r * 0.2
    for sx in (-1, 1):
        ex = cx + sx * hx * 0.38
        _ellipse(img, ey, ex, er, er * 1.2, (255, 255, 255))
        _ellipse(img, ey, ex, er * 0.75, er * 0.75, ch.eye_colour)
        _ellipse(img, ey, ex, er * 0.3, er * 0.3, (10, 10, 10))
        if ch.glasses:
            t = max(1.0, er * 0.25)
            _rect(img, ey - er * 1.5, ey - er * 1.5 + t, ex - er * 1.7, ex + er * 1.7, (20, 20, 20))
            _rect(img, ey + er * 1.3, ey + er * 1.3 + t, ex - er * 1.7, ex + er * 1.7, (20, 20, 20))
    my = head_cy + hy * 0.5
    if mouth_open:
        _ellipse(img, my, cx, hy * 0.16, hx * 0.28, (120, 20, 30))
    else:
        _rect(img, my - max(1, hy * 0.03), my + max(1, hy * 0.04), cx - hx * 0.28, cx + hx * 0.28, (90, 30, 30))


def title_card(width: int, height: int, seed_colour: tuple[int, int, int]) -> np.ndarray:
    """The opening sign: a coloured card with a bright banner (no text rendering here: the ASS carries it)."""
    img = np.empty((height, width, 3), np.uint8)
    img[:] = _shade(seed_colour, 0.35)
    img[int(height * .38):int(height * .62), int(width * .1):int(width * .9)] = seed_colour
    img[int(height * .44):int(height * .56), int(width * .14):int(width * .86)] = (250, 250, 250)
    return img


def render_shot(bg: np.ndarray, cast: list[Character], shown: tuple[int, ...], placements, speaking: int | None,
                mouth_open: bool) -> np.ndarray:
    """``bg`` with the ``shown`` characters drawn at ``placements`` [(cx, scale, dy), ...]."""
    img = bg.copy()
    for who, (cx, scale, dy) in zip(shown, placements):
        draw_character(img, cast[who], cx, scale, dy, mouth_open=mouth_open and who == speaking)
    return img
