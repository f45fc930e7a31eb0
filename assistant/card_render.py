"""Foresight cards drawn: a printable HTML sheet (every stored text HTML-escaped, the QR code as
inline SVG) and one PNG image per card (Pillow, with the DejaVu fonts matplotlib ships; no
browser). The QR code points at the card's source, its own http(s) URL only."""

from __future__ import annotations

import html
import io
from functools import lru_cache
from pathlib import Path

from .markup import safe_url
from .models import Answer, Card

COLOURS = {"NOW": "#1b7f5b", "NEAR": "#c2760c", "NEXT": "#5b3fa8"}
HORIZON_HELP = {
    "NOW": "already observed",
    "NEAR": "change under way",
    "NEXT": "ten years out",
}
SIZE = (900, 560)
MARGIN = 36
QR_SIZE = 150


def qr_svg(url: str) -> str:
    """An inline SVG QR code for the URL."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")


def qr_image(url: str, size: int = QR_SIZE):
    import qrcode

    image = qrcode.make(url, box_size=10, border=2).get_image().convert("RGB")
    return image.resize((size, size))


def cards_html(answer: Answer) -> str:
    """A printable A4 sheet of the answer's cards (two per row), each with its horizon, title, text,
    source and year, and a QR code to the source."""
    document = answer.document
    cards = document.cards if document else []
    title = html.escape(document.title if document else answer.question)
    body = "\n".join(card_html(card) for card in cards) or "<p>No cards.</p>"
    rule = ""
    if document and cards:
        from .cards import RULE

        rule = f'<p class="rule">Horizon rule: {html.escape(RULE)}</p>'
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@page {{ size: A4; margin: 12mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: #1d1d1f; margin: 0 auto; max-width: 190mm; }}
h1 {{ font-size: 18pt; }}
.rule {{ font-size: 9pt; color: #555; }}
.sheet {{ display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }}
.card {{ border: 1px solid #999; border-radius: 3mm; overflow: hidden; break-inside: avoid; display: flex; flex-direction: column; min-height: 80mm; }}
.band {{ color: #fff; font-weight: bold; padding: 2mm 4mm; display: flex; justify-content: space-between; }}
.band small {{ font-weight: normal; }}
.content {{ padding: 3mm 4mm; flex: 1; }}
.content h2 {{ font-size: 12pt; margin: 0 0 2mm; }}
.content p {{ font-size: 9.5pt; margin: 0; }}
.foot {{ display: flex; justify-content: space-between; align-items: flex-end; padding: 0 4mm 3mm; font-size: 8pt; color: #444; }}
.foot svg {{ width: 22mm; height: 22mm; }}
</style>
</head>
<body>
<h1>{title}</h1>
{rule}
<div class="sheet">
{body}
</div>
</body>
</html>
"""


def card_html(card: Card) -> str:
    url = safe_url(card.url)
    qr = qr_svg(card.url) if url and card.url else "<span>no link</span>"
    year = f", {card.year}" if card.year else ""
    seen = f"<br>seen in {card.seen_in} articles" if card.seen_in > 1 else ""
    return (
        f'<div class="card"><div class="band" style="background:{COLOURS[card.horizon]}">'
        f"<span>{card.horizon} <small>· {HORIZON_HELP[card.horizon]}</small></span><small>{html.escape(card.kind)}</small></div>"
        f'<div class="content"><h2>{html.escape(card.title)}</h2><p>{html.escape(card.text)}</p></div>'
        f'<div class="foot"><span>[{card.n}] {html.escape(card.source)}{year}{seen}</span>{qr}</div></div>'
    )


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    try:
        import matplotlib

        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), size)
    except (ImportError, OSError):
        return ImageFont.load_default(size)


def _wrap(text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines of at most `width` pixels; the last one ends in … when the text is longer."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and font.getlength(lines[-1] + " …") > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return lines


def card_png(card: Card) -> bytes:
    """One card as a PNG image."""
    from PIL import Image, ImageDraw

    width, height = SIZE
    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    colour = COLOURS[card.horizon]
    draw.rectangle([0, 0, width, 70], fill=colour)
    draw.text((MARGIN, 18), card.horizon, font=_font(32, bold=True), fill="white")
    draw.text((MARGIN + 120, 28), HORIZON_HELP[card.horizon], font=_font(20), fill="white")
    kind = card.kind
    draw.text((width - MARGIN - _font(20).getlength(kind), 28), kind, font=_font(20), fill="white")
    y = 92
    for line in _wrap(card.title, _font(30, bold=True), width - 2 * MARGIN, 2):
        draw.text((MARGIN, y), line, font=_font(30, bold=True), fill="#1d1d1f")
        y += 38
    y += 8
    for line in _wrap(card.text, _font(22), width - 2 * MARGIN, 7 if y < 140 else 6):
        draw.text((MARGIN, y), line, font=_font(22), fill="#1d1d1f")
        y += 30
    source = f"[{card.n}] {card.source}" + (f", {card.year}" if card.year else "")
    foot = _wrap(source, _font(18), width - 2 * MARGIN - QR_SIZE - 20, 3)
    fy = height - MARGIN - 24 * len(foot)
    for line in foot:
        draw.text((MARGIN, fy), line, font=_font(18), fill="#444444")
        fy += 24
    if card.url and safe_url(card.url):
        image.paste(qr_image(card.url), (width - MARGIN - QR_SIZE, height - MARGIN - QR_SIZE + 10))
    draw.rectangle([0, 0, width - 1, height - 1], outline="#999999", width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
