"""Write API of the stories: ingest and code open answers, edit codes, train the learned coder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

import pandas as pd
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from maatmonitor.apps.instruments.services import core_questionnaire
from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.stories import StoryInput, StoryPipeline, parse_codeframe
from maatmonitor.core.stories.codeframe import Codeframe
from maatmonitor.core.stories.learned import analysis_text, cross_validate, train
from maatmonitor.core.stories.sentiment import SENTIMENTS
from maatmonitor.core.stories.text import analyse_many
from maatmonitor.core.stories.training_data import TrainingExample, load_training_examples

from .constants import CodedBy
from .models import RawStory, StoryAnswer, StoryCorrection, Topic, TrainingRun

DOMAIN_COLUMNS = ("journey", "district", "age_band", "outcome", "size_class")
HEADLINE_KIND = "overall"


def _default_codeframe_data() -> dict[str, Any]:
    ref = resources.files("maatmonitor.core.stories") / "data" / "codeframe.yaml"
    data: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def seed_topics() -> int:
    """Fill the codeframe from the shipped default when it is empty; returns topics created."""
    if Topic.objects.exists():
        return 0
    topics = [
        Topic(
            code=raw["code"],
            label_nl=raw["label"]["nl"],
            label_en=raw["label"]["en"],
            description_nl=(raw.get("description") or {}).get("nl", ""),
            description_en=(raw.get("description") or {}).get("en", ""),
            audiences=list(raw.get("audience") or ["client", "employer"]),
            cues=raw.get("cues") or {},
            patterns=raw.get("patterns") or {},
            position=i,
        )
        for i, raw in enumerate(_default_codeframe_data()["codes"])
    ]
    Topic.objects.bulk_create(topics)
    return len(topics)


def current_codeframe() -> Codeframe:
    """The active codeframe as edited by researchers (seeded on first use)."""
    seed_topics()
    codes = [
        {
            "code": t.code,
            "label": {"nl": t.label_nl, "en": t.label_en},
            "description": {
                "nl": t.description_nl or t.label_nl,
                "en": t.description_en or t.label_en,
            },
            "audience": t.audiences,
            "cues": t.cues or None,
            "patterns": t.patterns or None,
        }
        for t in Topic.objects.filter(active=True)
    ]
    return parse_codeframe({"codes": codes}, "codeframe (database)")


def _open_and_headline(wave: Wave) -> tuple[list[str], str | None, tuple[int, ...]]:
    questionnaire = core_questionnaire(wave.questionnaire_version)
    open_items = [q.id for q in questionnaire.questions if q.kind == "open"]
    headline = next((q for q in questionnaire.questions if q.kind == HEADLINE_KIND), None)
    if headline is None or headline.scale is None:
        return open_items, None, ()
    return open_items, headline.id, questionnaire.scales[headline.scale].top


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _value(row: pd.Series, column: str) -> Any:
    value = row.get(column)
    return None if value is None or pd.isna(value) else value


@transaction.atomic
def ingest_open_answers(
    wave: Wave, responses: pd.DataFrame, *, pipeline: StoryPipeline | None = None
) -> int:
    """Redact, code and store the open answers of a C1 response frame; returns answers stored.

    Open-answer columns are the wave's open questions; empty answers are skipped and answers
    already stored for the same unit and question are left as they are (re-running is safe).
    """
    if "unit_id" not in responses.columns:
        raise ValidationError("de responsen missen de kolom 'unit_id'")
    open_items, headline_id, top = _open_and_headline(wave)
    present = [q for q in open_items if q in responses.columns]
    if not present:
        raise ValidationError(
            f"geen open vragen in de responsen; verwacht een van: {', '.join(open_items)}"
        )
    existing = set(StoryAnswer.objects.filter(wave=wave).values_list("unit_id", "question_id"))
    todo: list[tuple[pd.Series, str, str]] = []
    for _, row in responses.iterrows():
        for q in present:
            text = _text(row[q])
            if text and (str(row["unit_id"]), q) not in existing:
                todo.append((row, q, text))
    if not todo:
        return 0
    pipe = pipeline or StoryPipeline(current_codeframe())
    coded_by = CodedBy.MODEL if pipe.learned else CodedBy.RULE
    inputs = [StoryInput(f"{i}", wave.audience, text) for i, (_, _, text) in enumerate(todo)]
    answers: list[StoryAnswer] = []
    raws: list[str] = []
    for (row, q, text), result in zip(todo, pipe.process(inputs), strict=True):
        headline = _value(row, headline_id) if headline_id else None
        headline_int = int(headline) if headline is not None else None
        debt = _value(row, "debt")
        answers.append(
            StoryAnswer(
                wave=wave,
                unit_id=str(row["unit_id"]),
                question_id=q,
                text=result.redacted,
                language=result.lang,
                topics=list(result.topics),
                sentiment=result.sentiment,
                coded_by=coded_by,
                pii_types=sorted({s.type for s in result.pii}),
                headline=headline_int,
                headline_strong=None if headline_int is None else headline_int in top,
                debt=None if debt is None else bool(int(debt)),
                **{c: str(_value(row, c) or "") for c in DOMAIN_COLUMNS},
            )
        )
        raws.append(text)
    created = StoryAnswer.objects.bulk_create(answers)
    RawStory.objects.bulk_create(
        RawStory(answer=a, raw_text=raw) for a, raw in zip(created, raws, strict=True)
    )
    return len(created)


def _validate_codes(answer: StoryAnswer, topics: Sequence[str], sentiment: str) -> list[str]:
    if sentiment not in SENTIMENTS:
        raise ValidationError({"sentiment": f"onbekend sentiment {sentiment!r}"})
    known = {
        t.code: t.audiences for t in Topic.objects.filter(active=True).only("code", "audiences")
    }
    chosen = list(dict.fromkeys(topics))
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValidationError({"topics": f"onbekend onderwerp: {', '.join(unknown)}"})
    wrong = [c for c in chosen if answer.wave.audience not in known[c]]
    if wrong:
        raise ValidationError({"topics": f"onderwerp niet voor deze doelgroep: {', '.join(wrong)}"})
    return chosen


@transaction.atomic
def record_correction(
    answer: StoryAnswer, topics: Sequence[str], sentiment: str, *, user=None
) -> StoryCorrection:
    """Store a researcher's codes for an answer; they win over rules and model from now on."""
    chosen = _validate_codes(answer, topics, sentiment)
    correction = StoryCorrection.objects.create(
        answer=answer,
        topics=chosen,
        sentiment=sentiment,
        previous_topics=answer.topics,
        previous_sentiment=answer.sentiment,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    answer.topics = chosen
    answer.sentiment = sentiment
    answer.coded_by = CodedBy.RESEARCHER
    answer.save(update_fields=["topics", "sentiment", "coded_by"])
    return correction


def correction_examples() -> list[TrainingExample]:
    """The latest correction of every corrected answer, as training examples."""
    latest: dict[int, StoryCorrection] = {}
    for c in StoryCorrection.objects.select_related("answer", "answer__wave").order_by(
        "created_at", "id"
    ):
        latest[c.answer_id] = c
    return [
        TrainingExample(c.answer.text, c.answer.wave.audience, tuple(c.topics), c.sentiment)
        for c in latest.values()
    ]


def train_and_recode(
    wave: Wave,
    *,
    user=None,
    folds: int = 5,
    on_progress: Callable[[int, int], None] | None = None,
) -> TrainingRun:
    """Train the learned coder on the shipped training answers plus all corrections,
    cross-validate it next to the rules, and recode the wave's not-reviewed answers when the
    model is better. Takes tens of seconds: run it through `tasks.train_stories`."""
    report = on_progress or (lambda done, total: None)
    steps = 3
    frame = current_codeframe()
    corrections = correction_examples()
    examples = load_training_examples() + corrections
    report(0, steps)
    cv = cross_validate(examples, frame, folds=folds)
    report(1, steps)
    todo: list[StoryAnswer] = []
    if cv.model_is_better:
        model = train(examples, frame)
        report(2, steps)
        todo = list(
            StoryAnswer.objects.filter(wave=wave)
            .exclude(coded_by=CodedBy.RESEARCHER)
            .only("id", "text", "topics", "sentiment", "coded_by")
        )
        if todo:
            analysed = list(analyse_many([analysis_text(a.text) for a in todo]))
            hits, sentiments = model.predict(analysed, [wave.audience] * len(todo))
            for a, h, s in zip(todo, hits, sentiments, strict=True):
                a.topics = [x.code for x in h]
                a.sentiment = s
                a.coded_by = CodedBy.MODEL
    # Only the writes share a transaction: the training above runs without holding a lock.
    with transaction.atomic():
        if todo:
            StoryAnswer.objects.bulk_update(todo, ["topics", "sentiment", "coded_by"])
        run = TrainingRun.objects.create(
            wave=wave,
            n_examples=len(examples),
            n_corrections=len(corrections),
            model_topic_f1=cv.model_topic_f1,
            rule_topic_f1=cv.rule_topic_f1,
            model_sentiment_accuracy=cv.model_sentiment_accuracy,
            rule_sentiment_accuracy=cv.rule_sentiment_accuracy,
            recoded=len(todo),
            created_by=user if user is not None and user.is_authenticated else None,
        )
    report(steps, steps)
    return run
