"""Routing checks: conditions must name earlier background or scaled questions and valid answers,
and no question may depend on itself through a chain of routes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from maatmonitor.core import codes
from maatmonitor.core.instrument.fields import Reader, type_name
from maatmonitor.core.instrument.model import Condition, Question, Route, Scale
from maatmonitor.core.instrument.schema import AUDIENCE_KEY
from maatmonitor.core.instrument.yamlsource import join


@dataclass(frozen=True)
class RawCondition:
    """A condition as written, before the referenced question is known to exist."""

    question: str
    values: tuple[object, ...]
    path: str
    texts: tuple[str, ...] = ()  # the values as written (YAML reads 18_26 as a number)


def read_route(reader: Reader, value: object, path: str) -> list[RawCondition]:
    """`route: {journey: [unemployed], outcome: [granted, rejected]}`; all conditions must hold."""
    if not isinstance(value, dict):
        reader.add(path, f"expected a mapping of question id to answers, got {type_name(value)}")
        return []
    if not value:
        reader.add(path, "the route has no conditions")
    result = []
    for key, answers in value.items():
        child = join(path, key)
        listed = answers if isinstance(answers, list) else [answers]
        if not listed or any(a is None or isinstance(a, dict | list) for a in listed):
            reader.add(child, "expected one or more answer codes or values")
            continue
        if isinstance(answers, list):
            texts = [reader.doc.raw.get(join(child, i), str(a)) for i, a in enumerate(listed)]
        else:
            texts = [reader.doc.raw.get(child, str(answers))]
        result.append(RawCondition(key, tuple(listed), child, tuple(texts)))
    return result


def resolve_routes(
    reader: Reader,
    questions: Sequence[Question],
    raw: Mapping[str, list[RawCondition]],
    audience: str,
    scales: Mapping[str, Scale],
    page_order: Mapping[str, int],
) -> dict[str, Route]:
    """Check every route and return the valid ones by question id."""
    position = {q.id: i for i, q in enumerate(questions)}
    by_id = {q.id: q for q in questions}
    routes: dict[str, Route] = {}
    in_cycle = _check_cycles(reader, raw)
    for question in questions:
        conditions = []
        for cond in raw.get(question.id, []):
            values = _check_condition(reader, question, cond, by_id, position, audience, scales)
            page_ok = cond.path not in in_cycle and _check_order(
                reader, question, cond, by_id, position, page_order
            )
            if values is not None and page_ok:
                conditions.append(Condition(cond.question, values))
        if conditions and len(conditions) == len(raw.get(question.id, [])):
            routes[question.id] = Route(tuple(conditions))
    return routes


def _check_condition(
    reader: Reader,
    question: Question,
    cond: RawCondition,
    by_id: Mapping[str, Question],
    position: Mapping[str, int],
    audience: str,
    scales: Mapping[str, Scale],
) -> tuple[str, ...] | None:
    if cond.question == AUDIENCE_KEY:
        known = [a.code for a in codes.AUDIENCES]
        allowed: list[object] = list(known)
        wrong = [v for v in cond.values if v not in allowed]
        if wrong:
            reader.add(cond.path, f"unknown audience {wrong[0]!r} (known: {', '.join(known)})")
            return None
        if audience and audience not in cond.values:
            reader.add(
                cond.path,
                f"the route excludes this questionnaire's audience {audience!r}: "
                f"{question.id!r} would never be asked",
            )
            return None
        return tuple(str(v) for v in cond.values)
    target = by_id.get(cond.question)
    if target is None:
        routable = [q.id for q in by_id.values() if q.options or q.scale]
        reader.add(
            cond.path,
            f"routes on unknown question {cond.question!r} "
            f"(routing can use: {', '.join([AUDIENCE_KEY, *routable])})",
        )
        return None
    if target.options:
        codes_allowed = [o.code for o in target.options]
        wrong_codes = [t for t in cond.texts if t not in codes_allowed]
        if wrong_codes:
            reader.add(
                cond.path,
                f"unknown code {wrong_codes[0]!r} for {target.id!r} "
                f"(known: {', '.join(codes_allowed)})",
            )
            return None
        return cond.texts
    if target.scale is not None and target.scale in scales:
        allowed = list(scales[target.scale].values)
    else:
        reader.add(
            cond.path,
            f"cannot route on {target.kind} question {target.id!r}: it has no answer options",
        )
        return None
    wrong = [v for v in cond.values if isinstance(v, bool) or v not in allowed]
    if wrong:
        reader.add(
            cond.path,
            f"unknown value {wrong[0]!r} for {target.id!r} "
            f"(known: {', '.join(str(a) for a in allowed)})",
        )
        return None
    return tuple(str(v) for v in cond.values)


def _check_order(
    reader: Reader,
    question: Question,
    cond: RawCondition,
    by_id: Mapping[str, Question],
    position: Mapping[str, int],
    page_order: Mapping[str, int],
) -> bool:
    target = by_id.get(cond.question)
    if target is None:
        return True  # already reported as unknown
    if target.id == question.id:
        return False  # reported as a cycle
    here = page_order.get(question.page, -1)
    there = page_order.get(target.page, -1)
    if position[target.id] > position[question.id] or there > here:
        reader.add(
            cond.path,
            f"circular routing: {question.id!r} routes on {target.id!r}, which is asked after it "
            f"(page {target.page!r}); move {target.id!r} to an earlier page",
        )
        return False
    if there == here:
        reader.add(
            cond.path,
            f"{question.id!r} routes on {target.id!r} on the same page {target.page!r}; "
            "the answer must come from an earlier page",
        )
        return False
    return True


def _check_cycles(reader: Reader, raw: Mapping[str, list[RawCondition]]) -> set[str]:
    """Report each route condition that leads back to its own question; return their paths."""
    deps = {qid: [c.question for c in conds] for qid, conds in raw.items()}
    found = set()
    for qid, conds in raw.items():
        for cond in conds:
            chain = _path_back(cond.question, qid, deps)
            if chain is not None:
                reader.add(cond.path, f"circular routing: {' -> '.join([qid, *chain])}")
                found.add(cond.path)
    return found


def _path_back(start: str, goal: str, deps: Mapping[str, list[str]]) -> list[str] | None:
    """The dependency chain from `start` back to `goal`, or None if there is none."""
    parents: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            chain = [node]
            parent = parents[node]
            while parent is not None:
                chain.append(parent)
                parent = parents[parent]
            return chain[::-1]
        for nxt in deps.get(node, []):
            if nxt not in parents:
                parents[nxt] = node
                queue.append(nxt)
    return None
