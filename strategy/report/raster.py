"""Draw Vega-Lite chart specs for the PDF: as SVG that fpdf2 draws as vectors, or as PNG.

Vector charts are sharp at any zoom, make the PDF a fraction of the size, and skip the two
costliest steps of a raster chart: resvg's rasterising and fpdf2's re-encoding of the pixels
(together about 0.1 s a chart here). vl-convert holds the interpreter lock while it works, so
charts are drawn one after another; a PDF worker is the unit of parallelism.
"""

from __future__ import annotations

import re
from typing import Any

SCALE = 2  # a PNG chart 620 px wide printed 180 mm wide: about 175 dpi
# A chart small enough to draw in a few milliseconds once V8 is up: drawing it starts V8 and
# loads Vega, which a worker does before its first request instead of during it (~1 s).
WARM_SPEC: dict[str, Any] = {
    "data": {"values": [{"x": 1}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}

# What Vega writes and SVG allows, but fpdf2's SVG reader reads otherwise:
# - a <line> without x1/y1 (SVG: 0) is refused with KeyError;
# - a shape with stroke-width and no stroke (SVG: no stroke) gets a black outline;
# - a <path> without a "d" (an empty mark) is refused.
_LINE_WITHOUT_X1 = re.compile(r"<line (?![^>]*\bx1=)")
_WIDTH_WITHOUT_STROKE = re.compile(r"<(path|circle|rect)\b(?![^>]*\bstroke=)([^>]*\bstroke-width=)")
_PATH_WITHOUT_D = re.compile(r'<path\b(?:(?![^>]*\sd=)|[^>]*\sd="")[^>]*/>')


def svg(spec: dict) -> bytes:
    """Draw one spec as SVG bytes that fpdf2 reads as the browser would."""
    import vl_convert as vlc

    text = vlc.vegalite_to_svg(spec)
    text = _LINE_WITHOUT_X1.sub('<line x1="0" y1="0" ', text)
    text = _WIDTH_WITHOUT_STROKE.sub(r'<\1 stroke="none"\2', text)
    text = _PATH_WITHOUT_D.sub("", text)
    # The report's own font (registered as "DejaVu"), which has every script the PDF prints;
    # Vega's "sans-serif" would fall back to a core font that is Latin-1 only.
    return text.replace('font-family="sans-serif"', 'font-family="DejaVu"').encode()


def png(spec: dict, scale: float = SCALE) -> bytes:
    """Draw one spec as PNG bytes (raises what vl-convert raises for a spec it refuses)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=scale)


def warm() -> None:
    """Start V8 and load Vega now, so the first real chart pays only its own drawing."""
    svg(WARM_SPEC)
