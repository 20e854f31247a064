"""Ingesting open answers, raw text kept apart, corrections, the codeframe and the summary."""

from __future__ import annotations

import pandas as pd
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maatmonitor.apps.stories import queries, services
from maatmonitor.apps.stories.constants import CodedBy
from maatmonitor.apps.stories.models import RawStory, StoryAnswer, StoryCorrection, Topic
from maatmonitor.core.stories import load_codeframe
from tests.factories_stories import responses, story_wave

pytestmark = pytest.mark.django_db


def test_ingest_redacts_codes_and_keeps_the_raw_text_apart() -> None:
    wave = story_wave()
    n = services.ingest_open_answers(wave, responses(24))
    # 24 why_overall answers + 16 non-empty improve answers
    assert n == 40
    assert StoryAnswer.objects.count() == 40
    assert RawStory.objects.count() == 40
    pii = StoryAnswer.objects.get(unit_id="U0005", question_id="why_overall")
    assert "06-12345678" not in pii.text
    assert "Sanne" not in pii.text
    assert "[TELEFOON]" in pii.text
    assert "[NAAM]" in pii.text
    assert set(pii.pii_types) == {"phone", "name"}
    assert "06-12345678" in pii.raw.raw_text
    phoned = StoryAnswer.objects.get(unit_id="U0000", question_id="why_overall")
    assert "bereikbaarheid" in phoned.topics
    assert phoned.sentiment == "negatief"
    assert phoned.coded_by == CodedBy.MODEL
    assert phoned.headline == 1
    assert phoned.headline_strong is False
    assert StoryAnswer.objects.get(unit_id="U0003", question_id="why_overall").headline_strong
    assert phoned.district == "noord"
    assert phoned.debt is False
    # re-running stores nothing twice
    assert services.ingest_open_answers(wave, responses(24)) == 0


def test_ingest_rejects_frames_without_open_questions() -> None:
    wave = story_wave()
    with pytest.raises(ValidationError, match="why_overall"):
        services.ingest_open_answers(wave, pd.DataFrame({"unit_id": ["a"], "x": ["y"]}))
    with pytest.raises(ValidationError, match="unit_id"):
        services.ingest_open_answers(wave, pd.DataFrame({"why_overall": ["y"]}))


def test_review_list_and_summary_never_read_the_raw_text() -> None:
    wave = story_wave()
    services.ingest_open_answers(wave, responses(24))
    with CaptureQueriesContext(connection) as ctx:
        list(queries.review_answers(wave, sentiment="negatief"))
        queries.stories_summary(wave)
    assert ctx.captured_queries
    assert not any("stories_rawstory" in q["sql"] for q in ctx.captured_queries)


def test_summary_per_district_and_within_one_district() -> None:
    wave = story_wave()
    services.ingest_open_answers(wave, responses(40))
    summary = queries.stories_summary(wave)
    assert summary.n == StoryAnswer.objects.filter(wave=wave).count()
    assert {g.group for g in summary.groups} == {"alle", "noord", "oost"}
    assert all("[TELEFOON]" not in q.text or q.text.count("[") <= 1 for q in summary.quotes)
    one = queries.stories_summary(wave, district="noord")
    assert one.by == "journey"
    assert one.n == StoryAnswer.objects.filter(wave=wave, district="noord").count()


def test_codeframe_is_seeded_and_editable() -> None:
    assert services.seed_topics() == len(load_codeframe().codes)
    assert services.seed_topics() == 0
    topic = Topic.objects.get(code="bereikbaarheid")
    topic.cues = {"nl": ["=bel", "telefoon", "kantoortuin"]}
    topic.save()
    frame = services.current_codeframe()
    assert frame.get("bereikbaarheid").cues["nl"][-1].words == ("kantoortuin",)
    Topic.objects.filter(code="keuring").update(active=False)
    assert "keuring" not in services.current_codeframe().code_ids()


def test_correction_overrides_codes_and_is_validated() -> None:
    wave = story_wave()
    services.ingest_open_answers(wave, responses(6))
    answer = StoryAnswer.objects.get(unit_id="U0004", question_id="why_overall")
    correction = services.record_correction(answer, ["communicatie", "bejegening"], "negatief")
    answer.refresh_from_db()
    assert answer.topics == ["communicatie", "bejegening"]
    assert answer.coded_by == CodedBy.RESEARCHER
    assert correction.previous_topics
    assert StoryCorrection.objects.count() == 1
    with pytest.raises(ValidationError, match="subsidie"):
        services.record_correction(answer, ["subsidie"], "negatief")  # employer-only code
    with pytest.raises(ValidationError, match="onbekend onderwerp"):
        services.record_correction(answer, ["bestaat_niet"], "negatief")
    with pytest.raises(ValidationError):
        services.record_correction(answer, ["communicatie"], "boos")
    examples = services.correction_examples()
    assert len(examples) == 1
    assert examples[0].topics == ("communicatie", "bejegening")


def test_summary_is_per_respondent_and_weighted_once_the_wave_is_analysed(monkeypatch) -> None:
    from maatmonitor.apps.stories import queries

    wave = story_wave()
    services.ingest_open_answers(wave, responses(24))
    assert StoryAnswer.objects.filter(wave=wave).count() == 40  # 24 respondents, 40 answers
    monkeypatch.setattr(queries, "respondent_weights", lambda w: None)
    plain = queries.stories_summary(wave)
    assert plain.per_respondent
    assert not plain.weighted
    assert plain.overall().n == 24
    heavy = "U0000"
    monkeypatch.setattr(
        queries,
        "respondent_weights",
        lambda w: {f"U{i:04d}": 1.0 for i in range(24)} | {heavy: 24.0},
    )
    weighted = queries.stories_summary(wave)
    assert weighted.weighted
    topics = set(StoryAnswer.objects.get(unit_id=heavy, question_id="why_overall").topics)
    shares = {t.code: t.share for t in weighted.overall().topics}
    plain_shares = {t.code: t.share for t in plain.overall().topics}
    # the heavy respondent's topics gain weight, counts stay counts
    for code in topics:
        assert shares[code] > plain_shares[code]
    assert {t.code: t.count for t in weighted.overall().topics} == {
        t.code: t.count for t in plain.overall().topics
    }
