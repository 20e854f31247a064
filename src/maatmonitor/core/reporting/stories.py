"""The stories part of a report: topics, shares and quotes from a StoriesSummary (contract C3).

The summary is read through its JSON form (``StoriesSummary.to_json``; a plain dict with
``topics`` [{topic, label, count, share, quotes}] is accepted too), labelled with the codeframe.
Quotes are checked once more here: a quote that still matches a personal-data pattern, or a
topic mentioned by fewer than ``min_n`` people, is left out.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from maatmonitor.core import codes
from maatmonitor.core.reporting.texts import category_label
from maatmonitor.core.stories.codeframe import CodeframeError, load_codeframe
from maatmonitor.core.stories.pii_patterns import find_structured
from maatmonitor.core.stories.summary import ALL


@dataclass(frozen=True)
class TopicView:
    code: str
    label: str
    count: int
    share: float | None
    quotes: tuple[str, ...]


def _as_dict(summary: Any) -> Mapping[str, Any]:
    if summary is None:
        return {}
    if isinstance(summary, Mapping):
        return summary
    to_json = getattr(summary, "to_json", None)
    if callable(to_json):
        data = json.loads(to_json())
        return data if isinstance(data, Mapping) else {}
    return {}


def _quote_text(q: Any) -> str:
    if isinstance(q, Mapping):
        return str(q.get("text") or q.get("quote") or "")
    return str(q)


def safe_quote(text: str) -> bool:
    return bool(text.strip()) and not find_structured(text)


@functools.cache
def _labels(lang: str) -> dict[str, str]:
    try:
        frame = load_codeframe()
    except (CodeframeError, OSError):  # labels are a nicety; codes still read
        return {}
    return {c.code: c.label_nl if lang == "nl" else c.label_en for c in frame.codes}


def _from_summary(data: Mapping[str, Any], lang: str) -> tuple[list[Any], Any]:
    """Topics and quotes of a ``StoriesSummary`` (C3): the overall group, labelled."""
    overall = next((g for g in data.get("groups") or [] if g.get("group") == ALL), None)
    if overall is None or overall.get("suppressed"):
        return [], {}
    labels = _labels(lang)
    quotes: dict[str, list[str]] = {}
    for q in data.get("quotes") or []:
        quotes.setdefault(str(q.get("code")), []).append(str(q.get("text") or ""))
    raw = [
        {
            "topic": t["code"],
            "label": labels.get(t["code"], t["code"]),
            "count": t["count"],
            "share": t.get("share"),
        }
        for t in overall.get("topics") or []
    ]
    return raw, quotes


def topics(summary: Any, lang: str = "nl", min_n: int = 10, limit: int = 6) -> list[TopicView]:
    """Topics by frequency with at most two safe quotes each."""
    data = _as_dict(summary)
    if "groups" in data:
        raw, quotes_by_topic = _from_summary(data, lang)
    else:
        raw, quotes_by_topic = data.get("topics") or [], data.get("quotes") or {}
    out = []
    for item in raw:
        if not isinstance(item, Mapping):
            continue
        code = str(item.get("topic") or item.get("code") or item.get("name") or "")
        count = int(item.get("count") or item.get("n") or 0)
        if count < min_n:
            continue
        label = item.get("label") or code
        if isinstance(label, Mapping):
            label = label.get(lang) or label.get("nl") or code
        quotes = item.get("quotes")
        if quotes is None and isinstance(quotes_by_topic, Mapping):
            quotes = quotes_by_topic.get(code, [])
        texts = [_quote_text(q) for q in quotes or []]
        share = item.get("share")
        out.append(
            TopicView(
                code,
                str(label),
                count,
                None if share is None else float(share),
                tuple(t for t in texts if safe_quote(t))[:2],
            )
        )
    out.sort(key=lambda v: -v.count)
    return out[:limit]


StoryGroups = list[tuple[str, list[TopicView]]]


def story_groups(
    stories: Any, audiences: Sequence[str], lang: str = "nl", min_n: int = 10
) -> StoryGroups:
    """Topics per audience when ``stories`` maps audience -> summary, else one group without
    a heading; empty when there is nothing to show."""
    if isinstance(stories, Mapping) and stories and set(stories) <= set(codes.AUDIENCE):
        return [
            (category_label("audience", a, lang), topics(stories[a], lang, min_n))
            for a in audiences
            if a in stories
        ]
    view = topics(stories, lang, min_n)
    return [("", view)] if view else []
