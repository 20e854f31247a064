"""Paper invitations: one PDF per batch, one A4 page per unit (WeasyPrint).

A letter greets nobody by name, prints the short letter code, a QR code with the personal link,
the short address to type, and how to opt out, in plain Dutch (B1) or English. The postal
address is printed in the envelope window only when the sample carries one; otherwise the
mailing house adds it by the unit reference at the foot of the page.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import qrcode
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .codes import unit_codes
from .constants import InvitationKind
from .links import links_for

# WeasyPrint renders about 20-40 pages a second; batches this size keep each job step short.
DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class LetterItem:
    """What one letter needs: the unit (for its codes, address, reference) and the kind."""

    unit: object
    kind: str = InvitationKind.INVITATION


def qr_data_uri(text: str) -> str:
    """A QR code (error correction M) as a PNG data URI.

    PNG, not SVG: WeasyPrint lays out and writes a batch nearly twice as fast and the PDF is half
    the size. 10 px per module at 34 mm is about 270 dpi; the letter CSS keeps the edges sharp.
    """
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=10)
    qr.add_data(text)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _letter_context(item: LetterItem, close_date: object) -> dict[str, object]:
    unit = item.unit
    codes = unit_codes(unit)
    links = links_for(codes)
    return {
        "reminder": item.kind == InvitationKind.REMINDER,
        "letter_code": codes.letter,
        "links": links,
        "qr": qr_data_uri(links.personal),
        "address_lines": [
            line.strip()
            for line in str(getattr(unit, "postal_address", "") or "").splitlines()
            if line.strip()
        ],
        "reference": getattr(unit, "unit_id", ""),
        "close_date": close_date,
    }


def render_letters_html(wave: object, items: Sequence[LetterItem], language: str = "nl") -> str:
    """The HTML of a batch (one page per letter), in the given language."""
    with translation.override(language):
        letters = [_letter_context(item, getattr(wave, "closes_on", None)) for item in items]
        return render_to_string(
            "fieldwork/letters/batch.html",
            {
                "letters": letters,
                "language": language,
                "today": timezone.localdate(),
                "audience": getattr(wave, "audience", "client"),
            },
        )


def render_letters_pdf(wave: object, items: Sequence[LetterItem], language: str = "nl") -> bytes:
    """A PDF of a batch of letters."""
    from weasyprint import HTML  # imported late: it loads Pango and fonts, slow at start-up

    html = render_letters_html(wave, items, language)
    return HTML(string=html).write_pdf()


def write_batches(
    wave: object,
    items: Iterable[LetterItem],
    out_dir: Path,
    *,
    prefix: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    language: str = "nl",
    on_batch: Callable[[Path, Sequence[LetterItem]], None] | None = None,
) -> list[Path]:
    """Write `prefix-001.pdf`, `prefix-002.pdf`, ... and call `on_batch` after each file."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    batch: list[LetterItem] = []

    def flush() -> None:
        path = out_dir / f"{prefix}-{len(paths) + 1:03d}.pdf"
        path.write_bytes(render_letters_pdf(wave, batch, language))
        paths.append(path)
        if on_batch:
            on_batch(path, list(batch))
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) == batch_size:
            flush()
    if batch:
        flush()
    return paths
