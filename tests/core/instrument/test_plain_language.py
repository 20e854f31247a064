"""The plain-language check catches each fault on purpose-made items and passes plain ones."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatmonitor.core.instrument import (
    Verdict,
    check_plain_language,
    check_text,
    load_questionnaire,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def bad_report():
    return check_plain_language(load_questionnaire(FIXTURES / "bad_plain_language.yaml"), "nl")


def rules(check, verdict=Verdict.FAIL):
    return {f.rule for f in check.findings if f.verdict == verdict}


@pytest.mark.parametrize(
    ("item", "rule"),
    [
        ("pl_long_sentence", "sentence"),
        ("pl_long_words", "long_words"),
        ("pl_long_words", "uncommon"),
        ("pl_long_words", "flesch"),
        ("pl_passive", "passive"),
        ("pl_jargon", "jargon"),
        ("pl_double_barrelled", "double_barrelled"),
        ("pl_negation", "negation"),
    ],
)
def test_each_bad_item_fails_on_its_rule(bad_report, item, rule):
    [check] = [i for i in bad_report.items if i.question_id == item]
    assert check.verdict == Verdict.FAIL
    assert rule in rules(check.check)


def test_the_good_items_of_the_bad_file_stay_ok(bad_report):
    good = [i for i in bad_report.items if not i.question_id.startswith("pl_")]
    assert good
    assert all(i.verdict == Verdict.OK for i in good)
    assert bad_report.verdict == Verdict.FAIL
    assert bad_report.counts()[Verdict.FAIL] == 6


def test_sentence_length_thresholds():
    twelve = "Ik kan bij UWV met al mijn vragen goed en snel terecht."
    assert check_text(twelve).max_sentence_words == 12
    assert "sentence" not in {f.rule for f in check_text(twelve).findings}
    fourteen = "Ik kan bij UWV met al mijn vragen over werk goed en snel terecht."
    assert rules(check_text(fourteen), Verdict.WARNING) >= {"sentence"}
    two_short = "UWV belt mij op. Ik krijg dan snel een goed antwoord."
    assert check_text(two_short).max_sentence_words == 7
    assert check_text(two_short).sentences == 2


def test_explained_jargon_is_fine_and_known_names_are_ignored():
    assert "jargon" not in {
        f.rule for f in check_text("UWV legt de WW (werkloosheidsuitkering) uit.").findings
    }
    assert "jargon" not in {f.rule for f in check_text("Ik heb een uitkering (WIA).").findings}
    assert rules(check_text("Ik heb WIA.")) == {"jargon"}
    wajong = check_text("Ik kreeg Wajong.")
    assert "jargon" in rules(wajong)
    internal = check_text("Ik kreeg een brief over een vordering.")
    assert "jargon" in rules(internal, Verdict.WARNING)
    other_caps = check_text("Ik belde met het KCC.")
    assert "jargon" in rules(other_caps, Verdict.WARNING)
    assert check_text("Ik log in bij Mijn UWV met DigiD.").uncommon_words == ()


def test_passive_voice_heuristics():
    assert "passive" in rules(check_text("De brief werd snel verstuurd."))
    assert "passive" in rules(check_text("Ik vind dat mijn vragen goed beantwoord worden."))
    assert "passive" in rules(check_text("Ik ben goed geholpen."), Verdict.WARNING)
    assert "passive" in rules(check_text("Mijn aanvraag is afgewezen."), Verdict.WARNING)
    active = check_text("UWV beantwoordt mijn vragen goed.")
    assert "passive" not in {f.rule for f in active.findings}
    # Not participles: infinitives and adjectives after a form of "zijn".
    easy = check_text("De website is makkelijk te gebruiken.")
    assert "passive" not in {f.rule for f in easy.findings}


def test_statement_rules_apply_to_statements_only():
    text = "Ik krijg geen antwoord op mijn vragen."
    assert "negation" in rules(check_text(text, statement=True))
    assert "negation" not in {f.rule for f in check_text(text).findings}
    short_pair = check_text("UWV is vriendelijk en eerlijk.", statement=True)
    assert "double_barrelled" in rules(short_pair, Verdict.WARNING)
    whether = check_text("UWV luistert naar mij of belt mij snel terug.", statement=True)
    assert "double_barrelled" in rules(whether)


def test_uncommon_words_share():
    check = check_text("UWV hanteert een proactieve casemanagementbenadering.")
    assert check.uncommon_words
    assert check.uncommon_share >= 0.2
    assert "uncommon" in rules(check)
    plain = check_text("UWV helpt mij om werk te vinden.")
    assert plain.uncommon_words == ()
    assert plain.verdict == Verdict.OK


def test_english_rules():
    assert check_text("UWV helps me to find work.", "en").verdict == Verdict.OK
    assert "negation" in rules(check_text("UWV doesn't listen to me.", "en", statement=True))
    assert "double_barrelled" in rules(
        check_text("UWV listens to me and UWV calls me back.", "en", statement=True)
    )
    assert "passive" in rules(check_text("My claim is being handled.", "en"))
    with pytest.raises(ValueError, match="unknown language 'de'"):
        check_text("Hallo.", "de")


def test_flesch_douma_comes_from_textstat():
    # 8 words, 11 syllables: 206.835 - 0.93 * 8 - 77 * 11 / 8 = 93.52
    assert check_text("UWV houdt rekening met wat ik nodig heb.").flesch == pytest.approx(93.5)
    hard = check_text("Arbeidsongeschiktheidsverzekeringen vereisen herbeoordelingsprocedures.")
    assert hard.flesch < 45
    assert "flesch" in rules(hard)


COMMON = ["ik", "UWV", "helpt", "mij", "goed", "met", "werk", "snel", "brief", "vraag"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(COMMON), min_size=1, max_size=20), min_size=1, max_size=3))
def test_verdict_is_the_worst_finding_and_sentences_are_counted(sentences):
    text = " ".join(" ".join(words) + "." for words in sentences)
    check = check_text(text, statement=True)
    assert check.sentences == len(sentences)
    assert check.max_sentence_words == max(len(w) for w in sentences)
    assert check.words == sum(len(w) for w in sentences)
    worst = max([Verdict.OK, *(f.verdict for f in check.findings)], key=lambda v: v.rank)
    assert check.verdict == worst
    if check.max_sentence_words > 15:
        assert check.verdict == Verdict.FAIL
