"""Reads of the stories. No query here touches `RawStory` except `raw_text_for`."""

from __future__ import annotations

import pandas as pd
from django.db.models import Q, QuerySet

from maatmonitor.apps.results.queries import respondent_weights
from maatmonitor.apps.waves.constants import JobKind, JobStatus
from maatmonitor.apps.waves.models import Wave, WaveJob
from maatmonitor.core.stories.codeframe import OTHER_CODE
from maatmonitor.core.stories.discovery import CandidateTopic
from maatmonitor.core.stories.discovery import candidate_topics as discover
from maatmonitor.core.stories.summary import StoriesSummary, summarise

from .constants import CodedBy
from .models import RawStory, StoryAnswer, Topic, TrainingRun

FRAME_COLUMNS = (
    "unit_id",
    "question_id",
    "text",
    "language",
    "topics",
    "sentiment",
    "coded_by",
    "journey",
    "district",
    "age_band",
    "outcome",
    "debt",
    "size_class",
    "headline",
    "headline_strong",
)


def review_answers(
    wave: Wave,
    *,
    topic: str | None = None,
    sentiment: str | None = None,
    uncoded: bool = False,
    district: str | None = None,
) -> QuerySet[StoryAnswer]:
    """Redacted answers of a wave for the review screen, filtered."""
    qs = StoryAnswer.objects.filter(wave=wave).order_by("id")
    if district:
        qs = qs.filter(district=district)
    if sentiment:
        qs = qs.filter(sentiment=sentiment)
    if uncoded:
        # "Uncoded": nobody looked at it yet and the coder found no specific topic.
        qs = qs.exclude(coded_by=CodedBy.RESEARCHER).filter(Q(topics=[]) | Q(topics=[OTHER_CODE]))
    if topic:
        ids = [a.pk for a in qs.only("id", "topics") if topic in a.topics]
        qs = qs.filter(pk__in=ids)
    return qs


def raw_text_for(answer: StoryAnswer) -> str:
    """The raw text of one answer (callers check the researcher role and audit the view)."""
    return RawStory.objects.values_list("raw_text", flat=True).get(answer=answer)


def stories_frame(wave: Wave, district: str | None = None) -> pd.DataFrame:
    """One row per stored (redacted) answer of the wave, optionally of one district, with the
    respondent (unit id) and, once the wave is analysed, the respondent's final weight."""
    qs = StoryAnswer.objects.filter(wave=wave)
    if district:
        qs = qs.filter(district=district)
    rows = list(qs.order_by("id").values(*FRAME_COLUMNS))
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    frame["respondent"] = frame["unit_id"].astype(str)
    weights = respondent_weights(wave)
    if weights is not None:
        frame["weight"] = frame["respondent"].map(weights)
    return frame


def stories_summary(wave: Wave, district: str | None = None) -> StoriesSummary:
    """Topic shares (weighted, per respondent), sentiment and quotes of a wave: per district
    nationally, per journey within one district; groups under 10 respondents are suppressed."""
    frame = stories_frame(wave, district)
    frame["headline_strong"] = frame["headline_strong"].map(
        lambda v: None if v is None else float(v)
    )
    by = "journey" if district else "district"
    return summarise(frame, by=by)


def topics() -> QuerySet[Topic]:
    return Topic.objects.filter(active=True)


def latest_training(wave: Wave) -> TrainingRun | None:
    return TrainingRun.objects.filter(wave=wave).order_by("-created_at", "-id").first()


def running_training_job(wave: Wave) -> WaveJob | None:
    """The wave's training job that is still queued or running, if any."""
    return (
        WaveJob.objects.filter(
            wave=wave,
            kind=JobKind.TRAIN_STORIES,
            status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
        )
        .order_by("-created_at", "-id")
        .first()
    )


def candidate_topics(wave: Wave) -> list[CandidateTopic]:
    """Clusters among the wave's answers coded only "overig" (not yet reviewed)."""
    texts = [
        a.text
        for a in StoryAnswer.objects.filter(wave=wave, topics=[OTHER_CODE])
        .exclude(coded_by=CodedBy.RESEARCHER)
        .only("text")
    ]
    return discover(texts)
