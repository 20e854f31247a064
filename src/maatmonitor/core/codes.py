"""Shared code lists of the monitor: audiences, journeys, districts and background categories.

Codes are stable English identifiers that appear in frames, response files and exports;
labels are Dutch (the default UI language) with an English translation. The glossary in
docs/glossary.md maps the Dutch domain terms to these codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One category of a code list with its Dutch and English label."""

    code: str
    nl: str
    en: str


def _index(codes: tuple[Code, ...]) -> dict[str, Code]:
    return {c.code: c for c in codes}


AUDIENCES = (
    Code("client", "Cliënten", "Clients"),
    Code("employer", "Werkgevers", "Employers"),
)

# Customer journeys (klantreizen) per audience.
JOURNEYS: dict[str, tuple[Code, ...]] = {
    "client": (
        Code("sick_disabled", "Ziek of arbeidsongeschikt", "Sick or unable to work"),
        Code("unemployed", "Werkloos of op zoek naar werk", "Unemployed or looking for work"),
        Code(
            "wajong", "Beperking van jongs af aan (Wajong)", "Disability from a young age (Wajong)"
        ),
    ),
    "employer": (
        Code(
            "arrange_employee",
            "Iets regelen voor mijn werknemer",
            "Arranging something for my employee",
        ),
        Code("find_employee", "Ik zoek een werknemer", "Looking for an employee"),
        Code("subsidies", "Subsidies en regelingen", "Subsidies and schemes"),
    ),
}

# The eleven districts of the agency.
DISTRICTS = (
    Code("noord", "Noord", "North"),
    Code("noordoost", "Noordoost", "North-East"),
    Code("oost", "Oost", "East"),
    Code("midden", "Midden", "Central"),
    Code("noord_holland", "Noord-Holland", "North Holland"),
    Code("amsterdam", "Amsterdam", "Amsterdam"),
    Code("haaglanden", "Haaglanden", "The Hague region"),
    Code("rijnmond", "Rijnmond", "Rotterdam region"),
    Code("zuidwest", "Zuidwest", "South-West"),
    Code("brabant", "Brabant", "Brabant"),
    Code("limburg", "Limburg", "Limburg"),
)

AGE_BANDS = (
    Code("18_26", "18 tot en met 26 jaar", "18 to 26"),
    Code("27_44", "27 tot en met 44 jaar", "27 to 44"),
    Code("45_54", "45 tot en met 54 jaar", "45 to 54"),
    Code("55_plus", "55 jaar of ouder", "55 or older"),
)
# Inclusive lower bounds of the age bands, in the order of AGE_BANDS.
AGE_BAND_LOWER = (18, 27, 45, 55)
MIN_AGE, MAX_AGE = 15, 100

OUTCOMES = (
    Code("granted", "Toegekend", "Granted"),
    Code("rejected", "Afgewezen", "Rejected"),
    Code("none", "Geen beslissing", "No decision"),
)

SIZE_CLASSES = (
    Code("small", "Klein (minder dan 10 werknemers)", "Small (fewer than 10 employees)"),
    Code("medium", "Middelgroot (10 tot 100 werknemers)", "Medium (10 to 99 employees)"),
    Code("large", "Groot (100 werknemers of meer)", "Large (100 employees or more)"),
)

SECTORS = (
    Code("care", "Zorg en welzijn", "Health and social care"),
    Code("construction", "Bouw", "Construction"),
    Code("retail", "Handel", "Trade"),
    Code("industry", "Industrie", "Industry"),
    Code("business_services", "Zakelijke dienstverlening", "Business services"),
    Code("public_education", "Overheid en onderwijs", "Government and education"),
    Code("hospitality", "Horeca", "Hospitality"),
    Code("other", "Overig", "Other"),
)

CHANNELS = (
    Code("email", "E-mail bekend", "E-mail known"),
    Code("post", "Alleen per post", "Post only"),
)

AUDIENCE = _index(AUDIENCES)
DISTRICT = _index(DISTRICTS)
AGE_BAND = _index(AGE_BANDS)
OUTCOME = _index(OUTCOMES)
SIZE_CLASS = _index(SIZE_CLASSES)
SECTOR = _index(SECTORS)
CHANNEL = _index(CHANNELS)


def journeys(audience: str) -> tuple[Code, ...]:
    """The journeys of one audience; KeyError names the unknown audience."""
    return JOURNEYS[audience]


def all_journey_codes() -> dict[str, str]:
    """Map every journey code to its audience."""
    return {j.code: aud for aud, js in JOURNEYS.items() for j in js}


def age_band_for(age: int) -> str:
    """The age-band code for an age in years (ages below 18 fall in the youngest band)."""
    band = AGE_BANDS[0].code
    for lower, code in zip(AGE_BAND_LOWER, AGE_BANDS, strict=True):
        if age >= lower:
            band = code.code
    return band
