"""Each breakdown as an SVG bar chart, drawn on the server with pygal (no JavaScript runs: the
pages show it as an image, `data:` URI, beside the same numbers in a table).

An image is its own document, so the page's Content-Security-Policy (`style-src 'self'`) does
not reach the styles inside the SVG; `img-src 'self' data:` lets the page show it, and the
W3C checker sees only an <img>. WeasyPrint draws the same image in the annual report's PDF.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

COLOUR = "#1d4f91"  # the portal's and staff pages' blue
STYLE = Style(background="white", plot_background="white", foreground="#222",
              foreground_strong="#222", foreground_subtle="#999", colors=(COLOUR,),
              font_family="DejaVu Sans, Arial, sans-serif", label_font_size=12,
              major_label_font_size=12, value_font_size=11, title_font_size=14)
BAR_HEIGHT = 22  # pixels per bar, so a long breakdown (23 districts) stays readable
WIDTH = 640


def bar_svg(title: str, rows: Sequence[tuple[str, int | float | None]]) -> bytes:
    """A horizontal bar per (label, count), in order (the first at the top), its count printed
    at its end; a suppressed count (None) has no bar (its table says `<3`)."""
    chart = pygal.HorizontalBar(
        style=STYLE, width=WIDTH, height=90 + BAR_HEIGHT * max(len(rows), 1),
        show_legend=False, print_values=True, js=[], disable_xml_declaration=False,
        truncate_label=-1, margin=8, show_x_guides=False, print_values_position="end",
        formatter=lambda v: "<3" if v is None else f"{v:g}")
    chart.title = title
    # pygal draws the first label at the bottom: reversed, the breakdown reads top-down.
    chart.x_labels = [label for label, _n in rows][::-1]
    chart.add(title, [n for _label, n in rows][::-1])
    top = max([n for _label, n in rows if n] or [1])
    step = max(1, math.ceil(top / 5))
    chart.y_labels = list(range(0, int(top) + step, step))  # whole numbers: these are counts
    svg = chart.render()
    return svg if isinstance(svg, bytes) else svg.encode()


def data_uri(svg: bytes) -> str:
    """The SVG as a `data:` URI for an <img> (one request for the whole page)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def inline(svg: bytes) -> str:
    """The SVG as markup to put inside an HTML document (no XML declaration, no script)."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    return re.sub(r"<script.*?</script>", "", text, flags=re.S)
