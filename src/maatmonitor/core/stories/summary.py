"""Stories turned into figures and quotes: topic shares per group, sentiment mix, the link
between a topic and the headline, and representative redacted quotes.

Input is one row per coded answer with the columns `text` (redacted), `topics` (list of codes,
most relevant first), `sentiment`, optionally `respondent` (who gave the answer), `headline_strong`
(1 when the respondent answered "(zeer) sterk" on the overall question, 0 otherwise, missing
when unanswered), `weight` (the respondent's survey weight; shares are weighted, counts are not)
and any group column passed as `by`.

With a `respondent` column, topic figures and the headline link are per respondent: someone
who raises a topic in two open answers counts once, and the share of a topic is the weighted
share of respondents who raise it. The sentiment mix and the quotes stay per answer.
Disclosure: a group with fewer than `min_group` respondents (answers, without a `respondent`
column) gets no figures and no quotes, and a topic-headline difference needs `min_group` on
both sides.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass

import pandas as pd

from maatmonitor.core.stories.sentiment import SENTIMENTS

ALL = "alle"
QUOTES_PER_TOPIC = 3
MAX_QUOTE_CHARS = 220
MIN_QUOTE_WORDS = 5
# Quotes that are mostly placeholders say nothing; near-duplicates add nothing.
MAX_PLACEHOLDERS = 1
MAX_OVERLAP = 0.5
_PLACEHOLDER = re.compile(r"\[[A-Z-]+\]")
_WORD = re.compile(r"\w+")
REQUIRED = ("text", "topics", "sentiment")


class SummaryInputError(ValueError):
    """The stories frame lacks a column or holds an unknown value."""


@dataclass(frozen=True)
class TopicShare:
    code: str
    count: int
    share: float


@dataclass(frozen=True)
class GroupSummary:
    """Figures of one group (or of all answers); empty when suppressed."""

    group: str
    n: int
    suppressed: bool
    topics: tuple[TopicShare, ...]
    sentiment: dict[str, float]


@dataclass(frozen=True)
class HeadlineLink:
    """Share "(zeer) sterk" among those who raise the topic vs those who do not."""

    code: str
    n_with: int
    n_without: int
    share_with: float | None
    share_without: float | None

    @property
    def difference(self) -> float | None:
        if self.share_with is None or self.share_without is None:
            return None
        return self.share_with - self.share_without


@dataclass(frozen=True)
class Quote:
    code: str
    text: str
    sentiment: str
    group: str


@dataclass(frozen=True)
class StoriesSummary:
    """Everything a report needs about the stories of one wave (or district)."""

    n: int
    by: str | None
    min_group: int
    groups: tuple[GroupSummary, ...]
    headline: tuple[HeadlineLink, ...]
    quotes: tuple[Quote, ...]
    # Whether survey weights were given; per respondent whether a `respondent` column was.
    weighted: bool = False
    per_respondent: bool = False

    def overall(self) -> GroupSummary:
        return next(g for g in self.groups if g.group == ALL)

    def quotes_for(self, code: str) -> list[Quote]:
        return [q for q in self.quotes if q.code == code]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> StoriesSummary:
        d = json.loads(text)
        return cls(
            d["n"],
            d["by"],
            d["min_group"],
            tuple(
                GroupSummary(
                    g["group"],
                    g["n"],
                    g["suppressed"],
                    tuple(TopicShare(**t) for t in g["topics"]),
                    dict(g["sentiment"]),
                )
                for g in d["groups"]
            ),
            tuple(HeadlineLink(**h) for h in d["headline"]),
            tuple(Quote(**q) for q in d["quotes"]),
            bool(d.get("weighted", False)),
            bool(d.get("per_respondent", False)),
        )


def _check(stories: pd.DataFrame, by: str | None) -> None:
    missing = [c for c in REQUIRED if c not in stories.columns]
    if by is not None and by not in stories.columns:
        missing.append(by)
    if missing:
        raise SummaryInputError(f"kolom(men) ontbreken: {', '.join(missing)}")
    bad = sorted(set(stories["sentiment"].dropna()) - set(SENTIMENTS))
    if bad:
        raise SummaryInputError(f"onbekend sentiment {bad}; toegestaan: {', '.join(SENTIMENTS)}")


def _per_respondent(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """One row per respondent: the topics of all their answers (first mention first), their
    weight, headline answer and group."""
    keep = {"_w": "first"}
    if "headline_strong" in frame.columns:
        keep["headline_strong"] = "first"
    if by is not None:
        keep[by] = "first"
    grouped = frame.groupby("respondent", sort=False)
    out = grouped.agg(keep)
    out["topics"] = grouped["topics"].agg(
        lambda lists: list(dict.fromkeys(code for codes in lists for code in codes))
    )
    return out.reset_index()


def _group(people: pd.DataFrame, answers: pd.DataFrame, label: str, min_group: int) -> GroupSummary:
    """Topic shares over `people` (respondents, or answers) and the sentiment mix of `answers`."""
    n = len(people)
    if n < min_group:
        return GroupSummary(label, n, True, (), {})
    w = people["_w"]
    total = float(w.sum()) or 1.0
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    for codes, wi in zip(people["topics"], w, strict=True):
        for code in dict.fromkeys(codes):
            counts[code] = counts.get(code, 0) + 1
            weights[code] = weights.get(code, 0.0) + float(wi)
    topics = tuple(
        TopicShare(code, counts[code], weights[code] / total)
        for code in sorted(counts, key=lambda c: (-weights[c], c))
    )
    aw = answers["_w"]
    answer_total = float(aw.sum()) or 1.0
    sentiment: dict[str, float] = {
        s: float(aw[answers["sentiment"] == s].sum()) / answer_total for s in SENTIMENTS
    }
    return GroupSummary(label, n, False, topics, sentiment)


def _headline(frame: pd.DataFrame, codes: list[str], min_group: int) -> tuple[HeadlineLink, ...]:
    if "headline_strong" not in frame.columns:
        return ()
    answered = frame[frame["headline_strong"].notna()]
    strong = answered["headline_strong"].astype(float)
    out = []
    for code in codes:
        has = answered["topics"].map(lambda ts, c=code: c in ts).astype(bool)
        n_with, n_without = int(has.sum()), int((~has).sum())

        def share(mask: pd.Series, n: int) -> float | None:
            if n < min_group:
                return None
            w = answered.loc[mask, "_w"]
            return float((strong[mask] * w).sum() / w.sum())

        out.append(
            HeadlineLink(code, n_with, n_without, share(has, n_with), share(~has, n_without))
        )
    return tuple(out)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


def _quotable(text: str) -> bool:
    if not text or len(text) > MAX_QUOTE_CHARS:
        return False
    if len(_PLACEHOLDER.findall(text)) > MAX_PLACEHOLDERS:
        return False
    return len(_WORD.findall(_PLACEHOLDER.sub(" ", text))) >= MIN_QUOTE_WORDS


def _quotes(
    frame: pd.DataFrame, codes: list[str], allowed: set[str], by: str | None
) -> tuple[Quote, ...]:
    out: list[Quote] = []
    for code in codes:
        rows = frame[frame["topics"].map(lambda ts, c=code: c in ts)]
        if by is not None:
            rows = rows[rows[by].astype(str).isin(allowed)]
        # Answers where the topic comes first speak most directly to it; then the most
        # common sentiment of the topic first, so the quotes represent the mix.
        mix = rows["sentiment"].value_counts()
        rows = rows.assign(
            _first=rows["topics"].map(lambda ts, c=code: ts[0] != c),
            _mix=rows["sentiment"].map(lambda s, m=mix: -int(m.get(s, 0))),
            _len=rows["text"].str.len(),
        ).sort_values(["_first", "_mix", "_len"], kind="stable")
        candidates = [
            (str(row["text"]), str(row["sentiment"]), str(row[by]) if by is not None else ALL)
            for _, row in rows.iterrows()
            if _quotable(str(row["text"]))
        ]
        picked: list[tuple[str, str, str]] = []
        seen: list[set[str]] = []
        # First pass: one quote per sentiment; second pass: fill up with the rest.
        for diverse in (True, False):
            for text, sentiment, group in candidates:
                if len(picked) == QUOTES_PER_TOPIC:
                    break
                if (text, sentiment, group) in picked:
                    continue
                if diverse and any(sentiment == p[1] for p in picked):
                    continue
                words = _words(text)
                if any(len(words & w) / max(1, len(words | w)) > MAX_OVERLAP for w in seen):
                    continue
                picked.append((text, sentiment, group))
                seen.append(words)
        out.extend(Quote(code, t, s, g) for t, s, g in picked)
    return tuple(out)


def summarise(
    stories: pd.DataFrame, *, by: str | None = None, min_group: int = 10
) -> StoriesSummary:
    """Topic counts and shares (overall and per `by` group), sentiment mix, topic vs headline
    link and up to three diverse quotes per topic, all under the disclosure rule."""
    _check(stories, by)
    if min_group < 1:
        raise SummaryInputError("min_group moet minstens 1 zijn")
    frame = stories.copy()
    frame["topics"] = frame["topics"].map(
        lambda ts: list(ts) if isinstance(ts, list | tuple) else []
    )
    weighted = "weight" in frame.columns and bool(frame["weight"].notna().any())
    weights = frame["weight"] if weighted else pd.Series(1.0, index=frame.index)
    frame["_w"] = weights.astype(float).fillna(0.0)
    per_respondent = "respondent" in frame.columns
    people = _per_respondent(frame, by) if per_respondent else frame
    overall = _group(people, frame, ALL, min_group)
    groups = [overall]
    allowed: set[str] = set()
    if by is not None:
        answers_by = dict(tuple(frame.groupby(frame[by].astype(str), sort=True)))
        for value, part in people.groupby(people[by].astype(str), sort=True):
            g = _group(part, answers_by[str(value)], str(value), min_group)
            groups.append(g)
            if not g.suppressed:
                allowed.add(str(value))
    codes = [t.code for t in overall.topics]
    quotes: tuple[Quote, ...] = ()
    if not overall.suppressed:
        quotes = _quotes(frame, codes, allowed, by)
    headline = _headline(people, codes, min_group) if not overall.suppressed else ()
    return StoriesSummary(
        len(frame), by, min_group, tuple(groups), headline, quotes, weighted, per_respondent
    )


def topic_table(summary: StoriesSummary) -> pd.DataFrame:
    """The overall topic table (code, count, share, headline difference) for printing."""
    links = {h.code: h.difference for h in summary.headline}
    rows = [
        {
            "code": t.code,
            "count": t.count,
            "share": t.share,
            "headline_diff": links.get(t.code),
        }
        for t in summary.overall().topics
    ]
    frame = pd.DataFrame(rows, columns=["code", "count", "share", "headline_diff"])
    return frame.assign(share=frame["share"].map(lambda v: math.nan if v is None else v))


def render_text(summary: StoriesSummary, top: int = 5) -> str:
    """A plain-text topic table with up to three quotes per top topic (for the CLI/demo)."""
    overall = summary.overall()
    if overall.suppressed:
        return f"Te weinig antwoorden ({overall.n}) om te tonen (minimum {summary.min_group})."
    links = {h.code: h.difference for h in summary.headline}
    lines = [f"{'onderwerp':20s} {'aantal':>6s} {'aandeel':>8s} {'verschil kopcijfer':>19s}"]
    for t in overall.topics:
        diff = links.get(t.code)
        shown = f"{diff * 100:+.0f} %-punt" if diff is not None else "-"
        lines.append(f"{t.code:20s} {t.count:6d} {t.share * 100:7.0f}% {shown:>19s}")
    for t in overall.topics[:top]:
        quotes = summary.quotes_for(t.code)
        if quotes:
            lines.append(f"\n{t.code}:")
            lines.extend(f'  "{q.text}" ({q.sentiment})' for q in quotes)
    return "\n".join(lines)
