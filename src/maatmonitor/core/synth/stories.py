"""Synthetic open answers for the demo: the `open_answers` hook of `simulate_responses`.

Each routed respondent gets (or, at `answer_rate`, skips) a short answer built from phrases
per topic and tone. The tone follows the respondent's situation (outcome of the decision,
debts, and the overall score when the frame carries an `overall` column); topics follow the
audience and journey. A few answers are in English and a few carry personal data (names,
phone numbers, BSN, e-mail, postcodes) so redaction has work to do. These templates are for
the demo only: the labelled evaluation set was written separately and must never be built
from them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from maatmonitor.core.instrument import Question
from maatmonitor.core.synth.answers import BoolArray, OpenAnswerHook

# (topic, tone) -> Dutch phrases; tone is "pos" or "neg".
_NL: dict[tuple[str, str], tuple[str, ...]] = {
    ("bereikbaarheid", "neg"): (
        "ik hing elke keer een half uur in de wacht aan de telefoon",
        "niemand belde terug, ondanks twee terugbelverzoeken",
        "het kantoor is alleen nog op afspraak open",
    ),
    ("bereikbaarheid", "pos"): (
        "ik kreeg meteen iemand aan de telefoon",
        "ze belden netjes terug op het afgesproken moment",
    ),
    ("doorlooptijd", "neg"): (
        "het duurde maanden voordat er een besluit kwam",
        "ik wacht al weken op een beslissing",
        "de behandeling van mijn aanvraag liep steeds vertraging op",
    ),
    ("doorlooptijd", "pos"): (
        "binnen twee weken had ik een beslissing",
        "alles werd snel afgehandeld",
    ),
    ("communicatie", "neg"): (
        "de brieven zijn onbegrijpelijk en vol ambtelijke taal",
        "ik kreeg tegenstrijdige informatie van verschillende medewerkers",
        "niemand kon uitleggen waarom mijn aanvraag was afgewezen",
    ),
    ("communicatie", "pos"): (
        "de brief was duidelijk en in gewone taal geschreven",
        "ze legden alles rustig en helder uit",
    ),
    ("bejegening", "neg"): (
        "ik voelde me behandeld als een nummer",
        "de medewerker was kortaf en luisterde niet",
        "ik had het gevoel dat ze me niet geloofden",
    ),
    ("bejegening", "pos"): (
        "de medewerker was vriendelijk en nam echt de tijd voor me",
        "ik voelde me gehoord en serieus genomen",
        "ze behandelden me met respect",
    ),
    ("vast_contact", "neg"): (
        "elke keer kreeg ik iemand anders en moest ik mijn verhaal opnieuw vertellen",
        "ik word van het kastje naar de muur gestuurd",
    ),
    ("vast_contact", "pos"): ("fijn dat ik een vaste contactpersoon heb die mijn situatie kent",),
    ("keuring", "neg"): (
        "de verzekeringsarts keek nauwelijks naar mijn medische dossier",
        "het gesprek met de arbeidsdeskundige duurde maar twintig minuten",
    ),
    ("keuring", "pos"): ("de keuringsarts nam mijn klachten serieus",),
    ("regels", "neg"): (
        "er is geen ruimte voor maatwerk, regels zijn regels",
        "mijn persoonlijke situatie telde niet mee, alleen de regels",
    ),
    ("regels", "pos"): ("er werd gelukkig een uitzondering gemaakt voor mijn situatie",),
    ("digitaal", "neg"): (
        "inloggen met DigiD lukte steeds niet",
        "het online formulier op werk.nl liep telkens vast",
    ),
    ("digitaal", "pos"): ("via Mijn UWV kon ik alles makkelijk regelen",),
    ("uitkering", "neg"): (
        "mijn uitkering werd te laat betaald",
        "ik moet een groot bedrag terugbetalen en snap niet waarom",
    ),
    ("uitkering", "pos"): ("de uitkering werd op tijd betaald",),
    ("werk_reintegratie", "neg"): (
        "ik krijg geen hulp bij het vinden van werk",
        "de vacatures die ik kreeg passen niet bij mijn opleiding",
    ),
    ("werk_reintegratie", "pos"): (
        "dankzij de jobcoach heb ik weer een baan",
        "de cursus heeft me echt geholpen om aan het werk te komen",
    ),
    ("bezwaar", "neg"): ("mijn bezwaar ligt al maanden stil",),
    ("bezwaar", "pos"): ("mijn bezwaar werd zorgvuldig behandeld en ik kreeg gelijk",),
    ("subsidie", "neg"): (
        "de aanvraag voor loonkostensubsidie is ingewikkeld",
        "het duurde lang voordat de no-riskpolis werd toegekend",
    ),
    ("subsidie", "pos"): ("de loonkostensubsidie was snel geregeld",),
    ("werknemer_regelen", "neg"): (
        "over het re-integratieverslag van onze werknemer kregen we geen reactie",
        "de ziekmelding van onze medewerker ging mis",
    ),
    ("werknemer_regelen", "pos"): ("de ziekmelding van onze medewerker ging soepel",),
    ("personeel_werven", "neg"): (
        "de kandidaten voor onze vacature waren niet geschikt",
        "we hoorden niets meer over de vacature die we hadden doorgegeven",
    ),
    ("personeel_werven", "pos"): ("we kregen snel een geschikte kandidaat voor de vacature",),
}
_EN: dict[str, tuple[str, ...]] = {
    "neg": (
        "I waited for months and nobody called me back.",
        "The letters are only in Dutch and hard to understand.",
        "Every time I call I speak to someone different.",
    ),
    "pos": (
        "The staff were friendly and explained everything clearly.",
        "My case manager really listened to me.",
    ),
}
_TOPICS = {
    "client": (
        "bereikbaarheid",
        "doorlooptijd",
        "communicatie",
        "bejegening",
        "vast_contact",
        "keuring",
        "regels",
        "digitaal",
        "uitkering",
        "werk_reintegratie",
        "bezwaar",
    ),
    "employer": (
        "bereikbaarheid",
        "doorlooptijd",
        "communicatie",
        "bejegening",
        "vast_contact",
        "digitaal",
        "subsidie",
        "werknemer_regelen",
        "personeel_werven",
    ),
}
# Journeys make some topics likelier (weights multiply the base of 1).
_JOURNEY_BOOST = {
    "sick_disabled": {"keuring": 4.0, "uitkering": 2.0},
    "unemployed": {"werk_reintegratie": 3.0, "uitkering": 2.0, "regels": 1.5},
    "wajong": {"werk_reintegratie": 2.0, "vast_contact": 2.0},
    "arrange_employee": {"werknemer_regelen": 4.0},
    "recruit": {"personeel_werven": 4.0},
    "subsidy": {"subsidie": 4.0},
}
_OPENERS = ("", "", "Eerlijk gezegd: ", "Kort samengevat: ", "Wat mij betreft: ")
_WISH = ("Het zou fijn zijn als ", "Graag zou ik zien dat ", "Tip: zorg dat ")
_WISH_END = {
    "bereikbaarheid": "je sneller iemand aan de telefoon krijgt",
    "doorlooptijd": "beslissingen sneller genomen worden",
    "communicatie": "de brieven in gewone taal geschreven worden",
    "bejegening": "medewerkers meer tijd nemen om te luisteren",
    "vast_contact": "ik een vaste contactpersoon krijg",
    "keuring": "de arts beter naar mijn dossier kijkt",
    "regels": "er meer ruimte is voor maatwerk",
    "digitaal": "de website eenvoudiger wordt",
    "uitkering": "de uitkering op tijd betaald wordt",
    "werk_reintegratie": "er meer hulp is bij het vinden van werk",
    "bezwaar": "bezwaren sneller behandeld worden",
    "subsidie": "de subsidieaanvraag eenvoudiger wordt",
    "werknemer_regelen": "de ziekmelding van een werknemer eenvoudiger wordt",
    "personeel_werven": "kandidaten beter bij de vacature passen",
}
_NAMES = ("Sanne", "Mohamed", "Fatima", "Pieter de Vries", "Anouk", "Kees Jansen", "Yusuf")
_NEGATIVE_OUTCOMES = {"rejected", "afgewezen", "ended", "stopped", "reduced"}


def _rng(seed: int, unit_id: str, question_id: str) -> np.random.Generator:
    digest = hashlib.blake2b(f"{seed}:{unit_id}:{question_id}".encode(), digest_size=8)
    return np.random.default_rng(int.from_bytes(digest.digest(), "big"))


def _bsn(rng: np.random.Generator) -> str:
    while True:
        digits = [int(d) for d in rng.integers(0, 10, size=8)]
        digits[0] = max(1, digits[0])
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def _pii(rng: np.random.Generator) -> str:
    kind = int(rng.integers(0, 5))
    if kind == 0:
        return f"Mijn klantmanager {_NAMES[int(rng.integers(len(_NAMES)))]} weet ervan."
    if kind == 1:
        return f"Bel me gerust op 06-{int(rng.integers(10_000_000, 99_999_999))}."
    if kind == 2:
        return f"Mijn BSN is {_bsn(rng)}."
    if kind == 3:
        return f"Mail me op {_NAMES[int(rng.integers(len(_NAMES)))].split()[0].lower()}{int(rng.integers(10, 99))}@example.nl."
    return f"Ik woon in {int(rng.integers(1000, 9999))} {''.join(rng.choice(list('ABCDEGHJKLMNPRSTVWXZ'), 2))}."


def _tone_probability(row: pd.Series) -> float:
    """Chance of a positive story for this respondent."""
    if "overall" in row and pd.notna(row["overall"]):
        return {1: 0.05, 2: 0.15, 3: 0.4, 4: 0.75, 5: 0.9}.get(int(row["overall"]), 0.4)
    p = 0.4
    if str(row.get("outcome", "")) in _NEGATIVE_OUTCOMES:
        p -= 0.2
    if str(row.get("debt", "0")) in ("1", "True", "true"):
        p -= 0.1
    return max(0.05, p)


def _answer(
    row: pd.Series,
    question: Question,
    rng: np.random.Generator,
    pii_rate: float,
    english_rate: float,
) -> str:
    audience = str(row.get("audience", "client"))
    topics = _TOPICS.get(audience, _TOPICS["client"])
    boost = _JOURNEY_BOOST.get(str(row.get("journey", "")), {})
    weights = np.array([boost.get(t, 1.0) for t in topics])
    k = 1 if rng.random() < 0.6 else 2
    chosen = list(rng.choice(topics, size=k, replace=False, p=weights / weights.sum()))
    positive = rng.random() < _tone_probability(row)
    if rng.random() < english_rate:
        return str(rng.choice(_EN["pos" if positive else "neg"]))
    if question.id == "improve" and rng.random() < 0.7:
        text = str(rng.choice(_WISH)) + _WISH_END[chosen[0]] + "."
    else:
        parts: list[str] = []
        tones: list[bool] = []
        for i, topic in enumerate(chosen):
            # A second topic sometimes turns the tone: "X, maar Y" gives a mixed story.
            tone_pos = positive if i == 0 or rng.random() < 0.6 else not positive
            parts.append(str(rng.choice(_NL[(topic, "pos" if tone_pos else "neg")])))
            tones.append(tone_pos)
        if len(parts) == 2:
            body = f"{parts[0]}{', maar ' if tones[0] != tones[1] else ' en '}{parts[1]}"
        else:
            body = parts[0]
        opener = str(rng.choice(_OPENERS))
        text = opener + (body if opener else body[0].upper() + body[1:]) + "."
    if rng.random() < pii_rate:
        text = f"{text} {_pii(rng)}"
    return text


def make_open_answers(
    seed: int = 0,
    *,
    answer_rate: float = 0.55,
    pii_rate: float = 0.08,
    english_rate: float = 0.04,
) -> OpenAnswerHook:
    """An `OpenAnswerHook`: one text (or None for a skipped question) per routed unit."""
    for name, value in (
        ("answer_rate", answer_rate),
        ("pii_rate", pii_rate),
        ("english_rate", english_rate),
    ):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} moet tussen 0 en 1 liggen, niet {value}")

    def hook(frame: pd.DataFrame, question: Question, routed: BoolArray) -> Sequence[str | None]:
        out: list[str | None] = []
        for _, row in frame.loc[np.asarray(routed, dtype=bool)].iterrows():
            rng = _rng(seed, str(row.get("unit_id", "")), question.id)
            if rng.random() >= answer_rate:
                out.append(None)
                continue
            out.append(_answer(row, question, rng, pii_rate, english_rate))
        return out

    return hook


open_answers: OpenAnswerHook = make_open_answers()
