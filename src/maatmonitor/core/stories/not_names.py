"""Hits that look like a person's name but are not: agency vocabulary, places, companies and
everyday words. `names` asks these before it keeps a deduce hit.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# Agency vocabulary that deduce's name or street lists can mistake for personal data.
AGENCY_TERMS = frozenset(
    [
        "uwv",
        "ww",
        "wia",
        "wga",
        "iva",
        "wajong",
        "wajonger",
        "wajongers",
        "digid",
        "digi-d",
        "werk.nl",
        "mijn",
        "zw",
        "ziektewet",
        "tw",
        "iow",
        "ioaw",
        "ioaz",
        "anw",
        "participatiewet",
        "svb",
        "belastingdienst",
        "toeslagen",
        "cak",
        "gemeente",
        "arbo",
        "arbodienst",
        "lkv",
        "liv",
        "poortwachter",
        "wsp",
        "werkgeversservicepunt",
        "ombudsman",
        "juridisch",
        "loket",
        "kcc",
        "wml",
        "fml",
        "klantenexpertise",
        "verbindingsofficier",
        "cliëntenraad",
        "sociaal",
        "domein",
        "wet",
    ]
)
# Capitalised words that deduce's lists hold but that are rarely names in survey answers.
NOT_NAMES = frozenset(
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "august",
        "october",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "nederland",
        "belgië",
        "duitsland",
        "polen",
        "marokko",
        "turkije",
        "suriname",
        "netherlands",
        "belgium",
        "germany",
        "poland",
        "morocco",
        "turkey",
        "europe",
        "europa",
        # Labels that open a remark ("Tip: ...") are surnames in deduce's lists too.
        "tip",
        "tips",
        "advies",
        "suggestie",
        "opmerking",
        "kortom",
        "conclusie",
        "samengevat",
    ]
)
# A single word this frequent in ordinary Dutch or English text is not taken as a name on
# deduce's word alone (titles and roles still mark it as one).
COMMON_ZIPF = 5.0
# A lowercase word after a role ("mijn casemanager ahmed") must also be uncommon as a word.
COMMON_LOWER_ZIPF = 4.5
# Everyday names of places and regions that deduce's official lists spell otherwise or lack.
_COLLOQUIAL_PLACES = frozenset(
    {
        "den bosch",
        "brabant",
        "west-brabant",
        "oost-brabant",
        "de achterhoek",
        "achterhoek",
        "de betuwe",
        "betuwe",
        "de randstad",
        "randstad",
        "de veluwe",
        "veluwe",
        "het westland",
        "westland",
        "de kempen",
    }
)


@cache
def place_names() -> frozenset[str]:
    base = resources.files("deduce") / "data" / "lookup" / "src" / "locations" / "lst_placename"
    names: set[str] = set()
    for sub in ("lst_municipality", "lst_province", "lst_region", "lst_residence"):
        text = base.joinpath(sub, "items.txt").read_text(encoding="utf-8")
        names.update(w.strip().lower() for w in text.splitlines() if w.strip())
    return frozenset(names | _COLLOQUIAL_PLACES)


def rare(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl") < COMMON_LOWER_ZIPF


def plausible_deduce_name(value: str) -> bool:
    """Filter deduce's name hits: lowercase words, places, months and very common words."""
    from wordfreq import zipf_frequency

    low = value.lower().strip()
    if not value[:1].isupper() or low in place_names() or low in NOT_NAMES:
        return False
    if " " in low:
        return True
    return max(zipf_frequency(low, "nl"), zipf_frequency(low, "en")) < COMMON_ZIPF


# A surname in a company's name is the company, not a person ("Bakkerij Hoogendoorn",
# "Verhoef Transport B.V."): trade words inside the hit or a legal form right after it.
# Compounds on these heads are trade names ("Schoonmaakbedrijf Van Dijk", "Garagebedrijf ...").
_TRADE_HEADS = ("bedrijf", "bedrijven", "handel", "service", "diensten", "groep")
_KNOWN_COMPANIES = frozenset(
    [
        "albert heijn",
        "van der valk",
        "jumbo",
        "lidl",
        "aldi",
        "hema",
        "kruidvat",
        "coolblue",
        "postnl",
        "ikea",
        "philips",
    ]
)
_TRADE_WORDS = frozenset(
    [
        "bakkerij",
        "slagerij",
        "garage",
        "transport",
        "transporten",
        "bouw",
        "bouwbedrijf",
        "installatie",
        "installaties",
        "installatiebedrijf",
        "schoonmaak",
        "schoonmaakbedrijf",
        "kapsalon",
        "hoveniers",
        "hoveniersbedrijf",
        "loodgieter",
        "loodgietersbedrijf",
        "autobedrijf",
        "zorg",
        "thuiszorg",
        "techniek",
        "logistiek",
        "metaal",
        "groep",
        "holding",
        "advies",
        "kwekerij",
        "tuincentrum",
        "restaurant",
        "cafetaria",
        "catering",
        "drukkerij",
        "hovenier",
        "hotel",
        "schilder",
        "dochters",
        "zonen",
    ]
)
_LEGAL_FORM_AFTER = re.compile(r"^\s*(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|C\.?V\.?|& (?:Zn|Zonen))\b")


def _trade(word: str) -> bool:
    low = word.lower()
    return low in _TRADE_WORDS or (len(low) > 7 and low.endswith(_TRADE_HEADS))


def is_company(text: str, start: int, end: int) -> bool:
    """A name hit that is (part of) a company's name: a known company, a trade word inside,
    just before or just after it, or a legal form within a word after it."""
    inside = re.findall(r"\w+", text[start:end])
    before = re.findall(r"\w+", text[max(0, start - 30) : start])[-1:]
    after = re.findall(r"[\w&]+", text[end : end + 30])[:1]
    if " ".join(w.lower() for w in inside) in _KNOWN_COMPANIES:
        return True
    if any(_trade(w) for w in [*inside, *before, *after]):
        return True
    return bool(_LEGAL_FORM_AFTER.match(text[end : end + 8])) or bool(
        re.match(r"^\s+\w+\s+(?:B\.?V\.?|N\.?V\.?)(?!\w)", text[end : end + 30])
    )


_PLACE_PREPOSITION = re.compile(
    r"\b(?:(?:woon|woont|wonen) in|verhuisd naar|verhuizen naar|te|uit)\s+$", re.I
)


def after_place_preposition(text: str, start: int) -> bool:
    """ "ik woon in Baarle-Hertog", "verhuisd naar ...": a place, not a person."""
    return bool(_PLACE_PREPOSITION.search(text[max(0, start - 16) : start]))


def plausible_street(value: str) -> bool:
    """Deduce's street hits, except a lone everyday word with a number ("Eerst 7 weken")."""
    from wordfreq import zipf_frequency

    words = re.findall(r"[^\W\d_]+", value)
    return bool(words) and not (
        len(words) == 1 and zipf_frequency(words[0].lower(), "nl") >= COMMON_LOWER_ZIPF
    )
