"""A learned coder: TF-IDF text features with linear classifiers, trained on labelled answers.

Topics: one calibrated linear SVM per code on lemma words and bigrams, character n-grams and
surface words; the most probable code is given, a second one when its probability reaches
`SECOND_CODE_PROBABILITY`. Codes with too few training answers (a code a researcher just added)
come from the codeframe's rules. Sentiment: logistic regression on the same text features
stacked on the evidence of the sentiment lexicon.

It is trained on the shipped training answers (`training_data`) plus researcher corrections,
never on the validation or evaluation sets. `cross_validate` gives the model's and the rules'
quality on the same folds so the review screen can show both. The settings were chosen on the
validation set and by leave-one-batch-out cross-validation (docs/stories.md): the rule hits
were dropped as topic features because with the training answers the text alone does better.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

from maatmonitor.core.stories.codeframe import OTHER_CODE, Codeframe, load_codeframe
from maatmonitor.core.stories.coding import RuleCoder, TopicHit
from maatmonitor.core.stories.redaction import PLACEHOLDERS
from maatmonitor.core.stories.sentiment import SENTIMENTS, Sentiment, score_sentiment
from maatmonitor.core.stories.text import Analysed, analyse_many
from maatmonitor.core.stories.training_data import TrainingExample, load_training_examples

# A second code is given only when the model is at least this sure of it; the codebook allows
# at most two codes per answer.
SECOND_CODE_PROBABILITY = 0.4
MAX_CODES = 2
# A code needs this many positive training answers before the model predicts it.
MIN_POSITIVES = 3
_TOPIC_C = 1.0
_CALIBRATION_FOLDS = 3
_SENTIMENT_C = 30.0
# The pipeline analyses answers with each finding masked as "x"; stored redacted texts carry
# typed placeholders, which are masked the same way before training.
_PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def analysis_text(redacted: str) -> str:
    """A redacted answer as the pipeline's analysis sees it (placeholders -> "x")."""
    return _PLACEHOLDER_RE.sub("x", redacted)


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Cross-validated quality of the learned model and of the rules on the same folds."""

    n: int
    folds: int
    model_topic_f1: float
    rule_topic_f1: float
    model_sentiment_accuracy: float
    rule_sentiment_accuracy: float

    @property
    def model_is_better(self) -> bool:
        return self.model_topic_f1 > self.rule_topic_f1


def _doc(answer: Analysed) -> str:
    return " ".join(t.lemma for t in answer.tokens if not t.is_punct)


class LearnedModel:
    """Topic and sentiment classifier (a `TopicCoder`); call `fit` before use."""

    def __init__(self, codeframe: Codeframe, rule_coder: RuleCoder | None = None) -> None:
        self._codeframe = codeframe
        self.rules = rule_coder or RuleCoder(codeframe)
        self.codes = list(codeframe.code_ids())
        self._audiences = {c.code: c.audiences for c in codeframe.codes}
        self._words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
        )
        # Surface words beside the lemmas: the lookup lemmatiser leaves many forms alone.
        self._surface = TfidfVectorizer(sublinear_tf=True, min_df=2)
        self._topic_models: dict[str, CalibratedClassifierCV] = {}
        self._sentiment_model: OneVsRestClassifier | None = None

    @property
    def codeframe(self) -> Codeframe:
        return self._codeframe

    def _text(self, answers: Sequence[Analysed], fit: bool) -> Any:
        docs = [_doc(a) for a in answers]
        raw = [a.text.lower() for a in answers]
        if fit:
            parts = [
                self._words.fit_transform(docs),
                self._chars.fit_transform(docs),
                self._surface.fit_transform(raw),
            ]
        else:
            parts = [
                self._words.transform(docs),
                self._chars.transform(docs),
                self._surface.transform(raw),
            ]
        return sp.hstack(parts)

    def _topic_features(
        self, text: Any, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> tuple[Any, list[list[TopicHit]]]:
        """Text features plus the audience; the rule hits are returned for unlearned codes
        (and only computed when the codeframe has such codes)."""
        unlearned = self._topic_models and any(
            c not in self._topic_models and c != OTHER_CODE for c in self.codes
        )
        hits = self.rules.code_many(answers, audiences) if unlearned else [[] for _ in answers]
        employer = np.array([[aud == "employer"] for aud in audiences], dtype=float)
        return sp.hstack([text, sp.csr_matrix(employer)]).tocsr(), hits

    @staticmethod
    def _sentiment_features(
        text: Any, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> Any:
        scores = [score_sentiment(a) for a in answers]
        senti = np.array(
            [
                [s.positive, s.negative, aud == "employer", *(s.label == x for x in SENTIMENTS)]
                for s, aud in zip(scores, audiences, strict=True)
            ],
            dtype=float,
        )
        return sp.hstack([text, sp.csr_matrix(senti)]).tocsr()

    def fit(self, answers: Sequence[Analysed], examples: Sequence[TrainingExample]) -> LearnedModel:
        """Train on analysed redacted answers and their labels (same order)."""
        if len(answers) != len(examples) or not examples:
            raise ValueError("fit: antwoorden en voorbeelden moeten even lang en niet leeg zijn")
        audiences = [e.audience for e in examples]
        text = self._text(answers, fit=True)
        topic_x, _ = self._topic_features(text, answers, audiences)
        senti_x = self._sentiment_features(text, answers, audiences)
        self._topic_models = {}
        for code in self.codes:
            y = np.array([code in e.topics for e in examples], dtype=int)
            if MIN_POSITIVES <= y.sum() <= len(y) - MIN_POSITIVES:
                model = CalibratedClassifierCV(LinearSVC(C=_TOPIC_C), cv=_CALIBRATION_FOLDS)
                self._topic_models[code] = model.fit(topic_x, y)
        labels = [e.sentiment for e in examples]
        if len(set(labels)) < 2:
            raise ValueError("fit: er zijn minstens twee verschillende sentimenten nodig")
        self._sentiment_model = OneVsRestClassifier(
            LogisticRegression(C=_SENTIMENT_C, solver="liblinear", class_weight="balanced")
        ).fit(senti_x, labels)
        return self

    def predict(
        self, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> tuple[list[list[TopicHit]], list[Sentiment]]:
        """Codes (most probable first) and sentiment per answer."""
        if self._sentiment_model is None:
            raise RuntimeError("het model is nog niet getraind (fit)")
        if not answers:
            return [], []
        text = self._text(answers, fit=False)
        topic_x, rule_hits = self._topic_features(text, answers, audiences)
        probs = {c: m.predict_proba(topic_x)[:, 1] for c, m in self._topic_models.items()}
        sentiments = self._predict_sentiment(text, answers, audiences)
        out: list[list[TopicHit]] = []
        for i, (answer, aud) in enumerate(zip(answers, audiences, strict=True)):
            if not any(not t.is_punct for t in answer.tokens):
                out.append([])
                continue
            ranked = sorted(
                ((p[i], c) for c, p in probs.items() if aud in self._audiences[c]), reverse=True
            )
            hits = [TopicHit(ranked[0][1], float(ranked[0][0]), 0)] if ranked else []
            # Codes the model never learned (too few examples, e.g. just added to the codeframe)
            # come from the rules, before the model's less sure second code.
            hits.extend(h for h in rule_hits[i] if h.code not in probs)
            for p, c in ranked[1:MAX_CODES]:
                if p >= SECOND_CODE_PROBABILITY:
                    hits.append(TopicHit(c, float(p), 0))
            hits = hits[:MAX_CODES]
            if len(hits) > 1:
                hits = [h for h in hits if h.code != OTHER_CODE]
            out.append(hits)
        return out, sentiments

    def _predict_sentiment(
        self, text: Any, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> list[Sentiment]:
        assert self._sentiment_model is not None
        labels = self._sentiment_model.predict(self._sentiment_features(text, answers, audiences))
        return [
            "neutraal" if not any(not t.is_punct for t in a.tokens) else label
            for a, label in zip(answers, labels, strict=True)
        ]

    def sentiment_many(
        self, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> list[Sentiment]:
        """Sentiment per answer (the topic models are not run)."""
        if self._sentiment_model is None:
            raise RuntimeError("het model is nog niet getraind (fit)")
        if not answers:
            return []
        return self._predict_sentiment(self._text(answers, fit=False), answers, audiences)

    def code_many(
        self, answers: Sequence[Analysed], audiences: Sequence[str]
    ) -> list[list[TopicHit]]:
        return self.predict(answers, audiences)[0]


def _micro_f1(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def cross_validate(
    examples: Sequence[TrainingExample],
    codeframe: Codeframe | None = None,
    folds: int = 5,
    seed: int = 0,
) -> CrossValidation:
    """K-fold quality of the learned model next to the rules (topics micro-F1, sentiment)."""
    if len(examples) < 2 * folds:
        raise ValueError(f"te weinig voorbeelden ({len(examples)}) voor {folds}-voudige validatie")
    frame = codeframe or load_codeframe()
    rules = RuleCoder(frame)
    answers = list(analyse_many([analysis_text(e.text) for e in examples]))
    audiences = [e.audience for e in examples]
    gold = [set(e.topics) for e in examples]
    model_pred: list[set[str]] = [set() for _ in examples]
    model_senti: list[str] = [""] * len(examples)
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(examples):
        model = LearnedModel(frame, rules).fit(
            [answers[i] for i in train], [examples[i] for i in train]
        )
        hits, senti = model.predict([answers[i] for i in test], [audiences[i] for i in test])
        for k, i in enumerate(test):
            model_pred[i] = {h.code for h in hits[k]}
            model_senti[i] = senti[k]
    rule_pred = [{h.code for h in hs} for hs in rules.code_many(answers, audiences)]
    rule_senti = [score_sentiment(a).label for a in answers]
    n = len(examples)
    return CrossValidation(
        n,
        folds,
        _micro_f1(gold, model_pred),
        _micro_f1(gold, rule_pred),
        sum(m == e.sentiment for m, e in zip(model_senti, examples, strict=True)) / n,
        sum(r == e.sentiment for r, e in zip(rule_senti, examples, strict=True)) / n,
    )


def train(examples: Sequence[TrainingExample], codeframe: Codeframe | None = None) -> LearnedModel:
    """Fit a model on redacted labelled examples."""
    frame = codeframe or load_codeframe()
    answers = list(analyse_many([analysis_text(e.text) for e in examples]))
    return LearnedModel(frame).fit(answers, examples)


def codeframe_fingerprint(frame: Codeframe) -> str:
    """A digest of what the model depends on: codes, audiences, cues and patterns."""
    parts = [
        (
            c.code,
            sorted(c.audiences),
            c.cues,
            {k: [p.pattern for p in v] for k, v in c.patterns.items()},
        )
        for c in frame.codes
    ]
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


# Models per codeframe fingerprint, oldest first; a long-running process whose researchers
# edit the codeframe keeps only the last few.
_MODELS: dict[str, LearnedModel] = {}
_MODELS_KEPT = 3
_MODELS_LOCK = threading.Lock()


def default_model(codeframe: Codeframe | None = None) -> LearnedModel:
    """The model trained on the shipped training answers for a codeframe (default: the
    shipped one); trained once per process and codeframe."""
    frame = codeframe or load_codeframe()
    key = codeframe_fingerprint(frame)
    with _MODELS_LOCK:
        model = _MODELS.pop(key, None) or train(load_training_examples(), frame)
        _MODELS[key] = model
        while len(_MODELS) > _MODELS_KEPT:
            del _MODELS[next(iter(_MODELS))]
        return model
