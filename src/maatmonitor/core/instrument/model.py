"""The questionnaire model: immutable dataclasses built by the YAML parser.

Every user-facing text carries Dutch (`nl`, the default) and English (`en`). Routing conditions
compare the respondent's answers as strings: background codes (`granted`) or scale values (`"4"`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

LANGUAGES = ("nl", "en")

QuestionKind = Literal["statement", "overall", "satisfaction", "open", "background"]
QUESTION_KINDS: tuple[str, ...] = get_args(QuestionKind)


@dataclass(frozen=True)
class Text:
    """A user-facing text in Dutch and English."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang` (`nl` or `en`); ValueError for any other language."""
        if lang == "nl":
            return self.nl
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")

    def to_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


@dataclass(frozen=True)
class Dimension:
    """One of the aspects of the human measure, e.g. `mens` (ziet mij als mens)."""

    id: str
    label: Text

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label.to_dict()}


@dataclass(frozen=True)
class ScaleOption:
    """One answer option of a scale; non-substantive options (weet ik niet) count as missing."""

    value: int
    label: Text
    substantive: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label.to_dict(), "substantive": self.substantive}


@dataclass(frozen=True)
class Scale:
    """An answer scale with the values that count as the top category (e.g. agree: 4 and 5)."""

    id: str
    options: tuple[ScaleOption, ...]
    top: tuple[int, ...] = ()

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(o.value for o in self.options)

    @property
    def substantive_values(self) -> tuple[int, ...]:
        return tuple(o.value for o in self.options if o.substantive)

    def option(self, value: int) -> ScaleOption:
        for o in self.options:
            if o.value == value:
                return o
        raise KeyError(f"scale {self.id!r} has no value {value} (values: {self.values})")

    def is_top(self, value: int) -> bool:
        return value in self.top

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "options": [o.to_dict() for o in self.options],
            "top": list(self.top),
        }


@dataclass(frozen=True)
class Page:
    """A group of questions shown together."""

    id: str
    title: Text
    intro: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "intro": self.intro.to_dict() if self.intro else None,
        }


@dataclass(frozen=True)
class Option:
    """An answer option of a background question: a code from `core.codes` with its label."""

    code: str
    label: Text

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label.to_dict()}


@dataclass(frozen=True)
class Condition:
    """The answer to `question` (or the respondent's `audience`) must be one of `values`."""

    question: str
    values: tuple[str, ...]

    def matches(self, context: Mapping[str, str]) -> bool:
        # An unanswered question does not satisfy a condition: the item is skipped.
        answer = context.get(self.question)
        return answer is not None and str(answer) in self.values

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "values": list(self.values)}


@dataclass(frozen=True)
class Route:
    """All conditions must hold for the question to be asked."""

    conditions: tuple[Condition, ...]

    def matches(self, context: Mapping[str, str]) -> bool:
        return all(c.matches(context) for c in self.conditions)

    @property
    def depends_on(self) -> tuple[str, ...]:
        return tuple(c.question for c in self.conditions)

    def describe(self) -> str:
        return " and ".join(f"{c.question} in ({', '.join(c.values)})" for c in self.conditions)

    def to_dict(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.conditions]


@dataclass(frozen=True)
class Question:
    """One question; `dimension` is set for statements only, `options` for background questions."""

    id: str
    kind: QuestionKind
    text: Text
    page: str
    dimension: str | None = None
    scale: str | None = None
    route: Route | None = None
    options: tuple[Option, ...] = ()
    help: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text.to_dict(),
            "page": self.page,
            "dimension": self.dimension,
            "scale": self.scale,
            "route": self.route.to_dict() if self.route else None,
            "options": [o.to_dict() for o in self.options],
            "help": self.help.to_dict() if self.help else None,
        }


@dataclass(frozen=True)
class Changes:
    """What the author declares changed against the previous version.

    `comparable` is None when not declared; then every scaled question counts as comparable.
    """

    previous: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reworded: tuple[str, ...] = ()
    comparable: tuple[str, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "previous": self.previous,
            "added": list(self.added),
            "removed": list(self.removed),
            "reworded": list(self.reworded),
            "comparable": None if self.comparable is None else list(self.comparable),
        }


@dataclass(frozen=True)
class Questionnaire:
    """A validated questionnaire version for one audience."""

    id: str
    version: str
    audience: str
    title: Text
    dimensions: tuple[Dimension, ...]
    scales: Mapping[str, Scale]
    questions: tuple[Question, ...]
    pages: tuple[Page, ...]
    changes: Changes | None = None
    _by_id: Mapping[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {q.id: q for q in self.questions})

    @property
    def statements(self) -> list[Question]:
        return [q for q in self.questions if q.kind == "statement"]

    def statements_by_dimension(self) -> dict[str, list[Question]]:
        """Statements per dimension, dimensions in their declared order."""
        grouped: dict[str, list[Question]] = {d.id: [] for d in self.dimensions}
        for q in self.statements:
            grouped[q.dimension or ""].append(q)
        return grouped

    def question(self, question_id: str) -> Question:
        try:
            return self._by_id[question_id]
        except KeyError:
            raise KeyError(f"{self.id} {self.version} has no question {question_id!r}") from None

    def questions_for(self, context: Mapping[str, str]) -> list[Question]:
        """The questions, in order, for a respondent with these answers (e.g. journey, outcome).

        `audience` defaults to the questionnaire's own; a different audience is a ValueError.
        """
        audience = context.get("audience", self.audience)
        if audience != self.audience:
            raise ValueError(
                f"context audience {audience!r} does not match {self.id} audience {self.audience!r}"
            )
        full = {**context, "audience": self.audience}
        return [q for q in self.questions if q.route is None or q.route.matches(full)]

    def pages_for(self, context: Mapping[str, str]) -> list[tuple[Page, list[Question]]]:
        """The pages with at least one routed question for this respondent, in order."""
        routed = self.questions_for(context)
        result = [(p, [q for q in routed if q.page == p.id]) for p in self.pages]
        return [(p, qs) for p, qs in result if qs]

    @property
    def comparable_ids(self) -> tuple[str, ...]:
        """Items whose results may be compared with the previous wave (trends use only these)."""
        if self.changes is not None and self.changes.comparable is not None:
            return self.changes.comparable
        return tuple(q.id for q in self.questions if q.scale is not None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready canonical form of the whole questionnaire."""
        return {
            "id": self.id,
            "version": self.version,
            "audience": self.audience,
            "title": self.title.to_dict(),
            "dimensions": [d.to_dict() for d in self.dimensions],
            "scales": [s.to_dict() for s in self.scales.values()],
            "pages": [p.to_dict() for p in self.pages],
            "questions": [q.to_dict() for q in self.questions],
            "changes": self.changes.to_dict() if self.changes else None,
        }

    def content_hash(self) -> str:
        """sha256 of the canonical form: formatting, comments and key order do not change it."""
        canonical = json.dumps(
            self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
