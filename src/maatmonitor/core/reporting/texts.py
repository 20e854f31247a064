"""Dutch and English texts of the reports, deck and exports.

core cannot use Django's gettext, so the texts live in a small catalogue: one dict per language
with the same keys (a test checks that). Dutch is the default and is written at B1 level.
"""

from __future__ import annotations

from maatmonitor.core import codes

LANGUAGES = ("nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "report_title": "Menselijke Maat Monitor",
        "report_subtitle": "Resultaten meting {wave}",
        "district_edition": "Editie district {district}",
        "national": "Nederland",
        "summary": "Samenvatting",
        "headline_question": "Hoeveel mensen ervaren de menselijke maat (zeer) sterk?",
        "headline_of": "{value} van de {audience_lower} ervaart de menselijke maat (zeer) sterk.",
        "respondents": "{n} mensen vulden de vragenlijst in.",
        "interval": "Waarschijnlijk ligt het echte cijfer tussen {low} en {high}.",
        "change_up": "Dat is {diff} procentpunt hoger dan bij de vorige meting ({previous}).",
        "change_down": "Dat is {diff} procentpunt lager dan bij de vorige meting ({previous}).",
        "change_same": "Dat is ongeveer gelijk aan de vorige meting ({previous}).",
        "change_real": "Dit verschil is echt: het komt niet door toeval.",
        "change_chance": "Dit verschil kan door toeval komen.",
        "no_previous": "Er is nog geen vorige meting om mee te vergelijken.",
        "dimensions": "De vier kanten van de menselijke maat",
        "dimensions_intro": (
            "Per kant ziet u hoeveel mensen het gemiddeld eens zijn met de stellingen. "
            "Het streepje laat zien waar het echte cijfer waarschijnlijk ligt."
        ),
        "dimension": "Kant",
        "share_agree": "Eens",
        "score": "Gemiddelde score (1 tot 5)",
        "key_findings": "Belangrijkste uitkomsten",
        "finding_link": "{yes} van wie de menselijke maat (zeer) sterk ervaart, is tevreden. "
        "Van de anderen is dat {no}.",
        "lower_groups": "Duidelijk lager dan de rest: {groups}.",
        "higher_groups": "Duidelijk hoger dan de rest: {groups}.",
        "no_clear_groups": "Geen groep scoort duidelijk anders dan de rest.",
        "district_compare": "{district} vergeleken met de rest van het land:",
        "satisfaction": "Tevredenheid",
        "satisfaction_intro": "Wie de menselijke maat ervaart, is vaker tevreden.",
        "satisfied_yes": "Tevreden, van wie de menselijke maat (zeer) sterk ervaart",
        "satisfied_no": "Tevreden, van wie dat niet zo ervaart",
        "satisfied_all": "Tevreden (rapportcijfer 7 of hoger)",
        "mean_grade": "Gemiddeld rapportcijfer",
        "drivers": "Wat maakt het meeste verschil?",
        "drivers_intro": (
            "Deze kanten hangen het sterkst samen met het ervaren van de menselijke maat. "
            "Daar levert verbeteren waarschijnlijk het meeste op."
        ),
        "driver_top": "De belangrijkste kant is: {name}.",
        "driver_share": "Deel van de verklaring",
        "subgroups": "Verschillen tussen groepen",
        "subgroups_intro": (
            "Per groep ziet u het deel dat de menselijke maat (zeer) sterk ervaart. "
            "We vergelijken elke groep met alle andere mensen samen."
        ),
        "subgroups_national": (
            "Let op: deze groepen gelden voor heel Nederland. Per district zijn de groepen te "
            "klein. De regel van {district} is gemarkeerd."
        ),
        "group": "Groep",
        "value": "Cijfer",
        "range": "Waarschijnlijk tussen",
        "n": "Aantal",
        "difference": "Vergelijking met de rest",
        "sig_higher": "duidelijk hoger",
        "sig_lower": "duidelijk lager",
        "no_difference": "geen duidelijk verschil",
        "hidden": "–",
        "hidden_note": "– = niet getoond: {reason}.",
        "flag_note": "* = minder betrouwbaar cijfer: lees het met voorzichtigheid.",
        "stories": "Wat vertellen mensen?",
        "stories_intro": "Dit zijn de onderwerpen die mensen het vaakst noemen in hun eigen woorden.",
        "topic": "Onderwerp",
        "mentions": "Genoemd door",
        "quotes": "Wat mensen zeggen",
        "no_stories": "Er zijn nog geen verhalen verwerkt voor deze meting.",
        "trend": "Ontwikkeling door de tijd",
        "actions": "Wat gaan we doen?",
        "no_actions": "Er zijn nog geen verbeteracties vastgelegd.",
        "owner": "Eigenaar",
        "status": "Stand van zaken",
        "method": "Hoe hebben we gemeten?",
        "method_sample": "Steekproef en respons",
        "method_sample_text": (
            "We trokken een steekproef per groep (klantreis en district). "
            "{n} mensen vulden de vragenlijst in."
        ),
        "stratum": "Groep in de steekproef",
        "population": "Populatie",
        "invited": "Uitgenodigd",
        "responded": "Ingevuld",
        "response_rate": "Respons",
        "method_weighting": "Weging",
        "method_weighting_text": (
            "Niet iedereen vult de vragenlijst in. Daarom tellen we de antwoorden zo mee dat de "
            "uitkomsten passen bij de hele groep (naar {margins}). "
            "Het design-effect van de weging is {deff}; dat is als een steekproef van {neff} mensen."
        ),
        "method_margins": "Foutmarges",
        "method_margins_text": (
            "Elk cijfer komt uit een steekproef. Het echte cijfer ligt met 95% zekerheid in het "
            "getoonde interval. Bij het landelijke cijfer is de foutmarge {margin} procentpunt."
        ),
        "method_significance": (
            "'Duidelijk hoger' of 'duidelijk lager' betekent: het verschil is zo groot dat het "
            "bijna zeker niet door toeval komt (getoetst met correctie voor veel toetsen)."
        ),
        "method_suppression": "Bescherming van privacy",
        "method_suppression_text": (
            "We tonen geen cijfer als minder dan {min_n} mensen antwoord gaven. Dan staat er "
            "'–'. Uitspraken van mensen tonen we alleen uit groepen van minstens {min_n} mensen, "
            "en zonder namen of andere persoonsgegevens."
        ),
        "method_scales": "Betrouwbaarheid van de vier kanten",
        "alpha": "Cronbachs alfa",
        "omega": "McDonalds omega",
        "alt_dimensions": "Staafdiagram: deel dat het eens is, per kant. {items}.",
        "alt_subgroups": "Puntdiagram: deel (zeer) sterk per {variable}. {items}.",
        "alt_drivers": "Staafdiagram: belang van elke kant. {items}.",
        "alt_trend": "Lijndiagram: deel (zeer) sterk per meting. {items}.",
        "alt_topics": "Staafdiagram: hoe vaak elk onderwerp genoemd wordt. {items}.",
        "axis_share": "Deel van de mensen",
        "axis_importance": "Belang (deel van de verklaring)",
        "axis_wave": "Meting",
        "national_line": "Landelijk",
        "page": "Pagina",
        "contents": "Inhoud",
        "generated": "Gemaakt op basis van de analyse van meting {wave}.",
        "notes_title": "Notities voor de spreker",
        "note_headline": (
            "Vertel eerst het hoofdcijfer. Noem daarna de foutmarge: het echte cijfer ligt "
            "waarschijnlijk tussen {low} en {high}."
        ),
        "note_dimensions": (
            "Loop de vier kanten langs. Het streepje is de foutmarge. "
            "Kanten waarvan de strepen elkaar overlappen, verschillen misschien niet echt."
        ),
        "note_drivers": (
            "Leg uit: dit is geen oorzaak-gevolg, maar samenhang. "
            "De bovenste kant hangt het sterkst samen met de menselijke maat."
        ),
        "note_subgroups": (
            "Noem alleen verschillen die 'duidelijk' zijn. Andere verschillen kunnen door toeval "
            "komen."
        ),
        "note_topics": "Lees een of twee uitspraken voor. Ze zijn ontdaan van persoonsgegevens.",
        "note_trend": "Vergelijk alleen metingen met dezelfde vragen.",
        "note_actions": "Vraag wie eigenaar is en wanneer we terugkijken.",
        "note_title": "Welkom. Deze presentatie laat de resultaten van meting {wave} zien.",
        "title_slide_sub": "Resultaten meting {wave}",
        "agree_label": "eens",
        "sheet_about": "Over dit bestand",
    },
    "en": {
        "report_title": "Human Measure Monitor",
        "report_subtitle": "Results of wave {wave}",
        "district_edition": "District edition {district}",
        "national": "Netherlands",
        "summary": "Summary",
        "headline_question": "How many people experience the human measure (very) strongly?",
        "headline_of": "{value} of {audience_lower} experience the human measure (very) strongly.",
        "respondents": "{n} people completed the questionnaire.",
        "interval": "The true figure is probably between {low} and {high}.",
        "change_up": "That is {diff} percentage points higher than last wave ({previous}).",
        "change_down": "That is {diff} percentage points lower than last wave ({previous}).",
        "change_same": "That is about the same as last wave ({previous}).",
        "change_real": "This difference is real: it is not due to chance.",
        "change_chance": "This difference may be due to chance.",
        "no_previous": "There is no earlier wave to compare with yet.",
        "dimensions": "The four sides of the human measure",
        "dimensions_intro": (
            "For each side you see how many people agree with its statements on average. "
            "The line shows where the true figure probably lies."
        ),
        "dimension": "Side",
        "share_agree": "Agree",
        "score": "Mean score (1 to 5)",
        "key_findings": "Key findings",
        "finding_link": "{yes} of those who experience the human measure (very) strongly are "
        "satisfied, against {no} of the others.",
        "lower_groups": "Clearly lower than the rest: {groups}.",
        "higher_groups": "Clearly higher than the rest: {groups}.",
        "no_clear_groups": "No group scores clearly differently from the rest.",
        "district_compare": "{district} compared with the rest of the country:",
        "satisfaction": "Satisfaction",
        "satisfaction_intro": "People who experience the human measure are more often satisfied.",
        "satisfied_yes": "Satisfied, among those who experience it (very) strongly",
        "satisfied_no": "Satisfied, among the others",
        "satisfied_all": "Satisfied (grade 7 or higher)",
        "mean_grade": "Mean grade",
        "drivers": "What makes the most difference?",
        "drivers_intro": (
            "These sides are most strongly related to experiencing the human measure. "
            "Improving them will probably help most."
        ),
        "driver_top": "The most important side is: {name}.",
        "driver_share": "Share of the explanation",
        "subgroups": "Differences between groups",
        "subgroups_intro": (
            "For each group you see the share that experiences the human measure (very) "
            "strongly. Each group is compared with everyone else."
        ),
        "subgroups_national": (
            "Note: these groups cover the whole country; per district they would be too small. "
            "The row of {district} is highlighted."
        ),
        "group": "Group",
        "value": "Figure",
        "range": "Probably between",
        "n": "Number",
        "difference": "Compared with the rest",
        "sig_higher": "clearly higher",
        "sig_lower": "clearly lower",
        "no_difference": "no clear difference",
        "hidden": "–",
        "hidden_note": "– = not shown: {reason}.",
        "flag_note": "* = less reliable figure: read with care.",
        "stories": "What do people tell us?",
        "stories_intro": "These are the topics people mention most often in their own words.",
        "topic": "Topic",
        "mentions": "Mentioned by",
        "quotes": "What people say",
        "no_stories": "No stories have been processed for this wave yet.",
        "trend": "Trend over time",
        "actions": "What will we do?",
        "no_actions": "No improvement initiatives have been recorded yet.",
        "owner": "Owner",
        "status": "Status",
        "method": "How did we measure?",
        "method_sample": "Sample and response",
        "method_sample_text": (
            "We drew a sample per group (journey and district). "
            "{n} people completed the questionnaire."
        ),
        "stratum": "Sample group",
        "population": "Population",
        "invited": "Invited",
        "responded": "Completed",
        "response_rate": "Response",
        "method_weighting": "Weighting",
        "method_weighting_text": (
            "Not everyone responds. We therefore weight the answers so the results fit the whole "
            "group (by {margins}). The design effect of the weights is {deff}; "
            "that is like a sample of {neff} people."
        ),
        "method_margins": "Margins of error",
        "method_margins_text": (
            "Every figure comes from a sample. The true figure lies in the interval shown with "
            "95% confidence. For the national figure the margin is {margin} percentage points."
        ),
        "method_significance": (
            "'Clearly higher' or 'clearly lower' means the difference is so large that it is "
            "almost certainly not due to chance (tested with a correction for many tests)."
        ),
        "method_suppression": "Protecting privacy",
        "method_suppression_text": (
            "We show no figure when fewer than {min_n} people answered; you see '–' instead. "
            "Quotes come only from groups of at least {min_n} people, without names or other "
            "personal data."
        ),
        "method_scales": "Reliability of the four sides",
        "alpha": "Cronbach's alpha",
        "omega": "McDonald's omega",
        "alt_dimensions": "Bar chart: share agreeing per side. {items}.",
        "alt_subgroups": "Dot chart: share (very) strongly per {variable}. {items}.",
        "alt_drivers": "Bar chart: importance of each side. {items}.",
        "alt_trend": "Line chart: share (very) strongly per wave. {items}.",
        "alt_topics": "Bar chart: how often each topic is mentioned. {items}.",
        "axis_share": "Share of people",
        "axis_importance": "Importance (share of explanation)",
        "axis_wave": "Wave",
        "national_line": "National",
        "page": "Page",
        "contents": "Contents",
        "generated": "Made from the analysis of wave {wave}.",
        "notes_title": "Speaker notes",
        "note_headline": (
            "Start with the headline figure, then the margin: the true figure is probably "
            "between {low} and {high}."
        ),
        "note_dimensions": (
            "Go through the four sides. The line is the margin of error. "
            "Sides whose lines overlap may not really differ."
        ),
        "note_drivers": (
            "Explain: this is association, not cause and effect. "
            "The top side is most strongly related to the human measure."
        ),
        "note_subgroups": "Only mention 'clear' differences; others may be due to chance.",
        "note_topics": "Read out one or two quotes. Personal data has been removed.",
        "note_trend": "Only compare waves that asked the same questions.",
        "note_actions": "Ask who owns each action and when we look back.",
        "note_title": "Welcome. This presentation shows the results of wave {wave}.",
        "title_slide_sub": "Results of wave {wave}",
        "agree_label": "agree",
        "sheet_about": "About this file",
    },
}

DIMENSION_LABELS = {
    "mens": {"nl": "Ziet mij als mens", "en": "Sees me as a person"},
    "redelijk": {"nl": "Is redelijk", "en": "Is reasonable"},
    "helpt": {"nl": "Helpt", "en": "Helps"},
    "simpel": {"nl": "Houdt het simpel", "en": "Keeps it simple"},
}

VARIABLE_LABELS = {
    "journey": {"nl": "Klantreis", "en": "Customer journey"},
    "age_band": {"nl": "Leeftijd", "en": "Age"},
    "outcome": {"nl": "Uitkomst aanvraag", "en": "Outcome of application"},
    "debt": {"nl": "Vordering (terugbetalen)", "en": "Debt recovery"},
    "size_class": {"nl": "Grootte bedrijf", "en": "Company size"},
    "district": {"nl": "District", "en": "District"},
    "stratum": {"nl": "Steekproefgroep", "en": "Sample group"},
    "sector": {"nl": "Sector", "en": "Sector"},
}

_CODE_LISTS: dict[str, dict[str, codes.Code]] = {
    "journey": {j.code: j for js in codes.JOURNEYS.values() for j in js},
    "age_band": codes.AGE_BAND,
    "outcome": codes.OUTCOME,
    "size_class": codes.SIZE_CLASS,
    "district": codes.DISTRICT,
    "sector": codes.SECTOR,
    "audience": codes.AUDIENCE,
}
_DEBT = {
    "1": {"nl": "Met vordering", "en": "With debt recovery"},
    "0": {"nl": "Zonder vordering", "en": "No debt recovery"},
}


def check_language(lang: str) -> str:
    if lang not in MESSAGES:
        raise ValueError(f"taal {lang!r} onbekend; kies uit {', '.join(LANGUAGES)}")
    return lang


def t(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in."""
    return MESSAGES[check_language(lang)][key].format(**values)


def dimension_label(code: str, lang: str) -> str:
    return DIMENSION_LABELS.get(code, {}).get(lang, code)


def variable_label(variable: str, lang: str) -> str:
    return VARIABLE_LABELS.get(variable, {}).get(lang, variable)


def category_label(variable: str, category: str, lang: str) -> str:
    """Label of a category of a register variable (code itself when unknown)."""
    if variable == "debt":
        key = {"true": "1", "false": "0", "1.0": "1", "0.0": "0"}.get(category, category)
        return _DEBT.get(key, {}).get(lang, category)
    code = _CODE_LISTS.get(variable, {}).get(category)
    if code is None:
        return category
    return code.nl if lang == "nl" else code.en


# Why a figure is hidden (codes of core.stats.rules.REASONS), in plain words.
REASON_TEXTS = {
    "nl": {
        "min_n": "minder dan {min_n} mensen gaven antwoord",
        "complementary": "verborgen om een andere kleine groep te beschermen",
        "unreliable": "te onzeker om te tonen",
        "not_comparable": "de vraag is veranderd, dus niet te vergelijken",
        "suppressed_input": "berust op een verborgen cijfer",
    },
    "en": {
        "min_n": "fewer than {min_n} people answered",
        "complementary": "hidden to protect another small group",
        "unreliable": "too uncertain to show",
        "not_comparable": "the question changed, so it cannot be compared",
        "suppressed_input": "based on a hidden figure",
    },
}


def stratum_label(stratum: str, lang: str) -> str:
    """'unemployed:oost' -> 'Werkloos of op zoek naar werk · Oost'."""
    parts = str(stratum).split(":")
    names = ("journey", "district", "size_class")
    return " · ".join(category_label(v, p, lang) for v, p in zip(names, parts, strict=False))
