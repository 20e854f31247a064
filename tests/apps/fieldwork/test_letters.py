"""Letter PDFs: text extracted with pdftotext has the code and short URL, no name, one page each."""

import base64
import datetime as dt
import shutil
import subprocess

import pytest

from maatmonitor.apps.fieldwork import codes, outreach
from maatmonitor.apps.fieldwork.constants import InvitationKind, InvitationStatus
from maatmonitor.apps.fieldwork.letters import (
    LetterItem,
    qr_data_uri,
    render_letters_html,
    render_letters_pdf,
)
from maatmonitor.apps.fieldwork.models import Invitation, SampleUnit
from tests.factories_outreach import OPENS, wave_in_field

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext")


def _text(pdf: bytes, tmp_path) -> list[str]:
    """The text of each page."""
    path = tmp_path / "letters.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_letter_pdf_has_code_short_url_opt_out_and_no_name(tmp_path):
    wave = wave_in_field(3, email_every=99)
    units = list(SampleUnit.objects.filter(wave=wave).order_by("unit_id"))
    pdf = render_letters_pdf(wave, [LetterItem(u) for u in units])
    pages = _text(pdf, tmp_path)
    assert len(pages) == 3  # one A4 page per letter
    for unit, page in zip(units, pages, strict=True):
        unit_codes = codes.unit_codes(unit)
        assert unit_codes.letter in page
        assert "127.0.0.1:8000/v" in page  # the short address to type
        assert "127.0.0.1:8000/afmelden" in page  # how to opt out
        assert "Beste meneer, mevrouw," in page
        assert unit.unit_id in page  # the reference for the mailing house
        assert unit.postal_address.splitlines()[0] in page
        # Only this unit's code; the 128-bit personal code is only in the QR code, not as text.
        assert unit_codes.personal not in page
        others = [codes.unit_codes(u).letter for u in units if u.pk != unit.pk]
        assert not any(code in page for code in others)
    assert "Herinnering" not in pages[0]


def test_letter_html_is_name_free_and_the_qr_holds_the_personal_link():
    wave = wave_in_field(1, email_every=99)
    unit = SampleUnit.objects.get(wave=wave)
    html = render_letters_html(wave, [LetterItem(unit, InvitationKind.REMINDER)])
    assert "Herinnering: wat vindt u van onze hulp?" in html
    assert "Beste meneer, mevrouw," in html
    assert qr_data_uri(f"http://127.0.0.1:8000/v/{codes.unit_codes(unit).personal}/") in html
    png = base64.b64decode(qr_data_uri("http://example.invalid/x").split(",", 1)[1])
    assert png.startswith(b"\x89PNG")


def test_employers_are_greeted_as_employer():
    wave = wave_in_field(1, audience="employer", email_every=99)
    unit = SampleUnit.objects.get(wave=wave)
    html = render_letters_html(wave, [LetterItem(unit)])
    assert "Beste werkgever," in html
    assert "meneer" not in html


def test_letter_batches_mark_letters_sent_and_skip_opt_outs(tmp_path):
    wave = wave_in_field(6, email_every=99)  # unit 0 by e-mail, five letters
    outreach.invite(wave)
    units = list(SampleUnit.objects.filter(wave=wave).order_by("unit_id"))
    outreach.opt_out(units[1])
    progress = []
    paths = outreach.make_letter_batches(
        wave, tmp_path, batch_size=3, on_progress=lambda d, t: progress.append((d, t))
    )
    assert [p.name.rsplit("-", 1)[1] for p in paths] == ["001.pdf", "002.pdf"]
    assert progress == [(3, 4), (4, 4)]
    sent = Invitation.objects.filter(status=InvitationStatus.SENT, channel="letter")
    assert sent.count() == 4
    assert set(sent.values_list("batch", flat=True)) == {p.name for p in paths}
    assert not Invitation.objects.filter(unit=units[1]).exists()
    # Nothing left to print: a second run makes no files.
    assert outreach.make_letter_batches(wave, tmp_path / "again") == []
    # Reminder letters join the next batch.
    outreach.remind(wave, today=OPENS + dt.timedelta(days=7))
    assert outreach.queued_letters(wave).count() == 4


def test_english_letter_is_marked_english():
    wave = wave_in_field(1, email_every=99)
    unit = SampleUnit.objects.get(wave=wave)
    html = render_letters_html(wave, [LetterItem(unit)], language="en")
    assert '<html lang="en">' in html
    assert codes.unit_codes(unit).letter in html
