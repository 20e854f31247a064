from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from maatmonitor.core.stories import redact, redact_many
from maatmonitor.core.stories.pii_patterns import find_structured
from maatmonitor.core.stories.redaction import resolve


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.type, text[s.start : s.end]) for s in redact(text).spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mijn BSN is 111222333.", ("bsn", "111222333")),
        ("bsn 1112.22.333 graag", ("bsn", "1112.22.333")),
        ("Rekening NL91 ABNA 0417 1643 00 aub", ("iban", "NL91 ABNA 0417 1643 00")),
        ("Bel 06-12345678 na vijven", ("phone", "06-12345678")),
        ("bel +31 6 12345678", ("phone", "+31 6 12345678")),
        ("vast nummer (010) 412 58 73", ("phone", "(010) 412 58 73")),
        ("mail jan.devries@gmail.com", ("email", "jan.devries@gmail.com")),
        ("Ik woon aan de Kerkstraat 12 in Zeist", ("address", "Kerkstraat 12")),
        ("post naar 3511 AB Utrecht", ("postcode", "3511 AB")),
        ("Ik ben geboren op 03-04-1980.", ("date_of_birth", "03-04-1980")),
        ("geboortedatum 5 mei 1999", ("date_of_birth", "5 mei 1999")),
        ("mijn klantnummer is 12345678", ("client_number", "12345678")),
        ("dossiernummer BZ-2023-11873 ligt stil", ("client_number", "BZ-2023-11873")),
        ("mijn casemanager Ahmed belde niet", ("name", "Ahmed")),
        ("mevrouw Jansen was aardig", ("name", "Jansen")),
        ("Dokter Pietersen zei dat", ("name", "Pietersen")),
        ("door meneer Bos geholpen", ("name", "Bos")),
        ("Henk de Boer hielp me.", ("name", "Henk de Boer")),
        ("Ons nummer 812345678L01 werkt niet", ("client_number", "812345678L01")),
        ("Ik ben op 03-11-1959 geboren en", ("date_of_birth", "03-11-1959")),
        (
            "Mijn geboortedatum staat verkeerd in het systeem: het is 17 januari 1983.",
            ("date_of_birth", "17 januari 1983"),
        ),
        ("aanvraag onder nummer AV-11958342 ingediend", ("client_number", "AV-11958342")),
        ("een vordering (nummer VR 7719 2033)", ("client_number", "VR 7719 2033")),
        ("referentie B-20240611-4471 graag", ("client_number", "B-20240611-4471")),
        ("postcode 2024 WW Haarlem", ("postcode", "2024 WW")),
        ("Mijn naam Oksana Melnyk. Ik heb", ("name", "Oksana Melnyk")),
        ("zaaknummer 2024-ZW-117733. Het geld", ("client_number", "2024-ZW-117733")),
        ("Mijn gegevens: 2-3-1969, 9712 HV.", ("date_of_birth", "2-3-1969")),
        ("mijn dochter (geb. 2 augustus 2007) wacht", ("date_of_birth", "2 augustus 2007")),
        ("Bel ons terug op +31 (0)50 311 2288, vraag", ("phone", "+31 (0)50 311 2288")),
        ("na 17.00 uur op (0591) 61 23 45.", ("phone", "(0591) 61 23 45")),
        ("ik ben sanne de boer en woon", ("name", "sanne de boer")),
        ("graag op de rekening t.n.v. J.W. van der Meer.", ("name", "J.W. van der Meer")),
        ("Mvg, mevr. Ç. Yılmaz", ("name", "Ç. Yılmaz")),
        ("Loonheffingennummer 8123 45 678 L02.", ("client_number", "8123 45 678 L02")),
        ("Mijn vader (22-09-1958) is overleden", ("date_of_birth", "22-09-1958")),
        ("DOB 1990-12-05, name Oksana Melnyk.", ("date_of_birth", "1990-12-05")),
        ("Mijn geboortedag is 3 mei 1966, ik", ("date_of_birth", "3 mei 1966")),
        ("Ik woon in Beverwijk, postcode 1942 ev.", ("postcode", "1942 ev")),
        ("graag de WW op NL 97 INGB 0008 8776 54", ("iban", "NL 97 INGB 0008 8776 54")),
        ("Mijn BSN-nummer is 2536-47-587 en", ("bsn", "2536-47-587")),
        ("op Noorderhaven 34-3 in Harlingen", ("address", "Noorderhaven 34-3")),
        ("dat zij me terugbelt op 06 1987 3345, zij", ("phone", "06 1987 3345")),
        ("graag mailen naar Ingrid van Dam, ingrid@x.nl", ("name", "Ingrid van Dam")),
    ],
)
def test_each_type_is_found_with_its_span(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ik had WW, toen WIA en nu Wajong. Inloggen met DigiD op werk.nl en Mijn UWV.",
        "Ik kreeg 1.250 euro per maand en moest € 3.412,50 terugbetalen.",
        "Na 104 weken ziekte, 8 weken wachten en 24 uur per week werken.",
        "Het kantoor in Utrecht was dicht, dus ik ging naar Den Haag.",
        "Meneer de keuringsarts luisterde niet.",
        "De brief van 12 maart 2024 kwam te laat.",
        "Ik belde 088 898 92 94 en later 0800-1234.",
        "Het nummer 123456789 staat op de brief.",  # fails the 11-test
        "IBAN NL91 ABNA 0417 1643 01 klopt niet",  # wrong check digits
        "Formulier AV-3456, artikel 7:658 en tijdvak 2023-2024.",
        "The staff were friendly but I waited 3 months. My advisor never called.",
        "Sinds 2024 WW en de balie in Den Bosch was vriendelijk.",
        "Ons KVK 12345678 staat goed; vacature 4412 en de brief van 14-02-2024.",
        "De werkgeverslijn (088 898 2050) nam snel op.",
        "Wij zijn Verhoef Transport B.V. en Bakkerij Hoogendoorn in Woerden.",
        "Mijn naam doet er niet toe.",
        "Ik werk nu bij Albert Heijn en bij Schoonmaakbedrijf Van Dijk, ook Verbeek Metaal BV.",
        "Ik woon in Baarle-Hertog. Eerst 7 weken niemand, toen wel.",
        "Ik ben blij, ik ben ziek en ik ben boos.",
        "De brief van 12-03-2008 kwam, ik ben sinds 12 april 2003 ziek, ontslag per 1-1-2009.",
        "Het was 2024 en 2025 een lastig jaar.",
    ],
)
def test_look_alikes_are_not_personal_data(text: str) -> None:
    assert _found(text) == []


def test_an_old_full_date_is_a_birth_date_relative_to_the_year() -> None:
    from maatmonitor.core.stories.pii_patterns import find_dates_of_birth

    text = "Anna (02.09.2010) en Bram (02.09.2016)"
    found = [text[s.start : s.end] for s in find_dates_of_birth(text, this_year=2026)]
    assert found == ["02.09.2010"]


def test_placeholders_replace_spans_and_spans_point_into_original() -> None:
    text = "Ik ben Piet, BSN 111222333, bel 06-12345678 of piet@example.nl."
    red = redact(text)
    assert "111222333" not in red.redacted
    assert "[BSN]" in red.redacted
    assert "[TELEFOON]" in red.redacted
    assert "[E-MAIL]" in red.redacted
    assert [text[s.start : s.end] for s in red.spans if s.type != "name"] == [
        "111222333",
        "06-12345678",
        "piet@example.nl",
    ]


def test_overlap_prefers_structured_type() -> None:
    from maatmonitor.core.stories.pii_patterns import PiiSpan

    spans = [PiiSpan(0, 18, "iban"), PiiSpan(4, 8, "name"), PiiSpan(20, 25, "name")]
    assert resolve(spans) == [PiiSpan(0, 18, "iban"), PiiSpan(20, 25, "name")]


def test_empty_and_whitespace_answers() -> None:
    assert [r.spans for r in redact_many(["", "   "])] == [(), ()]


_WORDS = st.sampled_from(
    [
        "ik",
        "had",
        "een",
        "uitkering",
        "en",
        "de",
        "brief",
        "kwam",
        "laat",
        "maar",
        "het",
        "kantoor",
        "was",
        "dicht",
        "UWV",
        "WW",
        "1.250",
        "euro",
        "weken",
        "uur",
        "Utrecht",
        "niet",
        "goed",
    ]
)


@st.composite
def _bsn(draw: st.DrawFn) -> str:
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    body = [draw(st.integers(1, 9)), *digits[1:]]
    total = sum(d * w for d, w in zip(body, range(9, 1, -1), strict=True))
    check = total % 11
    if check == 10:
        body[1] = (body[1] + 1) % 10
        total = sum(d * w for d, w in zip(body, range(9, 1, -1), strict=True))
        check = total % 11
    number = "".join(map(str, body)) + str(check)
    return number if stdnum_bsn.is_valid(number) else "111222333"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(_WORDS, max_size=8), after=st.lists(_WORDS, max_size=8), number=_bsn())
def test_any_valid_bsn_among_ordinary_words_is_redacted(
    before: list[str], after: list[str], number: str
) -> None:
    text = " ".join([*before, "bsn", number, *after])
    red = redact(text)
    assert number not in red.redacted
    # Spans are sorted, inside the text and never overlap.
    ends = [0]
    for s in red.spans:
        assert ends[-1] <= s.start < s.end <= len(text)
        ends.append(s.end)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_structured_finders_never_crash_and_stay_in_bounds(text: str) -> None:
    for s in find_structured(text):
        assert 0 <= s.start < s.end <= len(text)


def test_remark_labels_are_not_names(run) -> None:
    result = run("Tip: zorg dat de brieven duidelijker worden. Advies: bel terug.")
    assert result.pii == ()
    assert run("Tip: bel mevrouw Jansen terug.").redacted == "Tip: bel mevrouw [NAAM] terug."
