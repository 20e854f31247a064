"""Load and validate a questionnaire YAML file into the model, collecting every problem.

Nothing is returned unless the whole file is valid; otherwise `InstrumentError` lists all faults
(file, path such as `questions[3].route.journey`, and what is wrong), sorted by source line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import cast

from maatmonitor.core import codes
from maatmonitor.core.instrument.errors import InstrumentError, Problem
from maatmonitor.core.instrument.fields import Reader, type_name
from maatmonitor.core.instrument.model import (
    QUESTION_KINDS,
    Dimension,
    Option,
    Page,
    Question,
    QuestionKind,
    Questionnaire,
    Scale,
    ScaleOption,
    Text,
)
from maatmonitor.core.instrument.routing import RawCondition, read_route, resolve_routes
from maatmonitor.core.instrument.schema import (
    ALL_QUESTION_KEYS,
    AUDIENCE_KEY,
    QUESTION_BASE,
    QUESTION_KEYS,
    REQUIRED_BACKGROUND,
    REQUIRED_QUESTIONS,
    TOP_OPTIONAL,
    TOP_REQUIRED,
)
from maatmonitor.core.instrument.sections import (
    VERSION_PATTERN,
    read_background_options,
    read_changes,
)
from maatmonitor.core.instrument.yamlsource import join, read_yaml

_SLUG = re.compile(r"^[a-z][a-z0-9-]*$")


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Read and validate one questionnaire file; InstrumentError lists every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InstrumentError(
            [Problem(path.name, "", f"not UTF-8 text (byte {exc.start})")]
        ) from None
    except OSError as exc:
        raise InstrumentError(
            [Problem(path.name, "", f"cannot read file: {exc.strerror or exc}")]
        ) from None
    return parse_questionnaire(text, source=path.name)


def parse_questionnaire(text: str, source: str = "<text>") -> Questionnaire:
    """Validate questionnaire YAML text; `source` names it in problems."""
    doc, problems = read_yaml(text, source)
    if doc is None:
        raise InstrumentError(problems)
    reader = Reader(source, doc)
    reader.problems.extend(problems)
    result = _Builder(reader).build(doc.data)
    if reader.problems or result is None:
        ordered = sorted(reader.problems, key=lambda p: p.line or 0)
        raise InstrumentError(ordered or [Problem(source, "", "invalid questionnaire")])
    return result


class _Builder:
    def __init__(self, reader: Reader) -> None:
        self.r = reader
        self.audience = ""

    def build(self, data: object) -> Questionnaire | None:
        r = self.r
        top = r.mapping(data, "", TOP_REQUIRED, TOP_OPTIONAL, what="a questionnaire mapping")
        if top is None:
            return None
        qid = r.string(top.get("id"), "id") if "id" in top else None
        if qid is not None and not _SLUG.match(qid):
            r.add(
                "id", f"invalid id {qid!r}: use lower-case letters, digits and -, e.g. mmm-clients"
            )
        version = self._version(top)
        if "audience" in top:
            audience = r.string(top["audience"], "audience")
            known = [a.code for a in codes.AUDIENCES]
            if audience is not None and audience not in known:
                r.add("audience", f"unknown audience {audience!r} (known: {', '.join(known)})")
            elif audience is not None:
                self.audience = audience
        title = r.text(top["title"], "title") if "title" in top else Text("", "")
        dimensions = self._dimensions(top.get("dimensions"))
        scales = self._scales(top.get("scales"))
        pages = self._pages(top.get("pages"))
        questions = self._questions(top.get("questions"), dimensions, scales, pages)
        changes = read_changes(r, top["changes"], questions) if "changes" in top else None
        return Questionnaire(
            id=qid or "",
            version=version or "",
            audience=self.audience,
            title=title,
            dimensions=tuple(dimensions),
            scales=scales,
            questions=tuple(questions),
            pages=tuple(pages),
            changes=changes,
        )

    def _version(self, top: dict[str, object]) -> str | None:
        if "version" not in top:
            return None
        value = top["version"]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.r.add("version", f"expected a version like 2026.1, got {type_name(value)}")
            return None
        raw = self.r.doc.raw.get("version", str(value)).strip()  # 2026.10 must not become 2026.1
        if not VERSION_PATTERN.match(raw):
            self.r.add("version", f"invalid version {raw!r}: use numbers and dots, e.g. 2026.1")
            return None
        return raw

    def _unique(self, seen: dict[str, str], ident: str | None, path: str, what: str) -> bool:
        if ident is None:
            return False
        if ident in seen:
            self.r.add(path, f"duplicate {what} id {ident!r} (also at {seen[ident]})")
            return False
        seen[ident] = path
        return True

    def _dimensions(self, value: object) -> list[Dimension]:
        result: list[Dimension] = []
        seen: dict[str, str] = {}
        for i, item in enumerate(self.r.items(value, "dimensions") if value is not None else []):
            path = join("dimensions", i)
            m = self.r.mapping(item, path, ("id", "label"))
            if m is None:
                continue
            ident = self.r.identifier(m.get("id"), join(path, "id")) if "id" in m else None
            label = self.r.text(m["label"], join(path, "label")) if "label" in m else Text("", "")
            if self._unique(seen, ident, join(path, "id"), "dimension") and ident:
                result.append(Dimension(ident, label))
        return result

    def _scales(self, value: object) -> dict[str, Scale]:
        result: dict[str, Scale] = {}
        seen: dict[str, str] = {}
        for i, item in enumerate(self.r.items(value, "scales") if value is not None else []):
            path = join("scales", i)
            m = self.r.mapping(item, path, ("id", "options"), ("top",))
            if m is None:
                continue
            ident = self.r.identifier(m.get("id"), join(path, "id")) if "id" in m else None
            options = self._scale_options(m.get("options"), join(path, "options"))
            top = self._scale_top(m.get("top", []), join(path, "top"), options)
            if self._unique(seen, ident, join(path, "id"), "scale") and ident:
                result[ident] = Scale(ident, tuple(options), tuple(top))
        return result

    def _scale_options(self, value: object, path: str) -> list[ScaleOption]:
        options: list[ScaleOption] = []
        seen: dict[int, str] = {}
        for i, item in enumerate(self.r.items(value, path) if value is not None else []):
            opt_path = join(path, i)
            m = self.r.mapping(item, opt_path, ("value",), ("label", "substantive"))
            if m is None or "value" not in m:
                continue
            number = self.r.integer(m["value"], join(opt_path, "value"))
            # Numbers need no translation: a missing label shows the value itself.
            label = (
                self.r.text(m["label"], join(opt_path, "label"))
                if "label" in m
                else Text(str(number), str(number))
            )
            substantive = True
            if "substantive" in m:
                flag = self.r.boolean(m["substantive"], join(opt_path, "substantive"))
                substantive = flag if flag is not None else True
            if number is None:
                continue
            if number in seen:
                self.r.add(
                    join(opt_path, "value"), f"duplicate value {number} (also at {seen[number]})"
                )
                continue
            seen[number] = opt_path
            options.append(ScaleOption(number, label, substantive))
        return options

    def _scale_top(self, value: object, path: str, options: list[ScaleOption]) -> list[int]:
        top: list[int] = []
        by_value = {o.value: o for o in options}
        for i, item in enumerate(self.r.items(value, path, non_empty=False)):
            number = self.r.integer(item, join(path, i))
            if number is None:
                continue
            if number not in by_value:
                self.r.add(join(path, i), f"top value {number} is not an option of this scale")
            elif not by_value[number].substantive:
                self.r.add(join(path, i), f"top value {number} is not substantive (weet ik niet)")
            else:
                top.append(number)
        return top

    def _pages(self, value: object) -> list[Page]:
        result: list[Page] = []
        seen: dict[str, str] = {}
        for i, item in enumerate(self.r.items(value, "pages") if value is not None else []):
            path = join("pages", i)
            m = self.r.mapping(item, path, ("id", "title"), ("intro",))
            if m is None:
                continue
            ident = self.r.identifier(m.get("id"), join(path, "id")) if "id" in m else None
            title = self.r.text(m["title"], join(path, "title")) if "title" in m else Text("", "")
            intro = self.r.text(m["intro"], join(path, "intro")) if "intro" in m else None
            if self._unique(seen, ident, join(path, "id"), "page") and ident:
                result.append(Page(ident, title, intro))
        return result

    def _questions(
        self,
        value: object,
        dimensions: list[Dimension],
        scales: dict[str, Scale],
        pages: list[Page],
    ) -> list[Question]:
        questions: list[Question] = []
        raw_routes: dict[str, list[RawCondition]] = {}
        seen: dict[str, str] = {}
        page_order = {p.id: i for i, p in enumerate(pages)}
        last_page = -1
        items = self.r.items(value, "questions") if value is not None else []
        for i, item in enumerate(items):
            path = join("questions", i)
            m = self.r.mapping(item, path, QUESTION_BASE, ALL_QUESTION_KEYS[len(QUESTION_BASE) :])
            if m is None:
                continue
            question = self._question(m, path, dimensions, scales, page_order)
            if question is None:
                continue
            page_index = page_order.get(question.page, last_page)
            if page_index < last_page:
                self.r.add(
                    join(path, "page"),
                    f"page {question.page!r} comes before the page of the previous question; "
                    "keep the questions of a page together and the pages in order",
                )
            last_page = max(last_page, page_index)
            if question.id == AUDIENCE_KEY:
                self.r.add(join(path, "id"), "the id 'audience' is reserved for routing")
            if not self._unique(seen, question.id, join(path, "id"), "question"):
                continue
            if "route" in m:
                raw_routes[question.id] = read_route(self.r, m["route"], join(path, "route"))
            questions.append(question)
        routes = resolve_routes(self.r, questions, raw_routes, self.audience, scales, page_order)
        questions = [replace(q, route=routes.get(q.id)) for q in questions]
        self._check_coverage(questions, dimensions, pages, items)
        return questions

    def _question(
        self,
        m: dict[str, object],
        path: str,
        dimensions: list[Dimension],
        scales: dict[str, Scale],
        page_order: dict[str, int],
    ) -> Question | None:
        r = self.r
        ident = r.identifier(m.get("id"), join(path, "id")) if "id" in m else None
        kind = r.string(m.get("kind"), join(path, "kind")) if "kind" in m else None
        if kind is not None and kind not in QUESTION_KINDS:
            r.add(join(path, "kind"), f"unknown kind {kind!r} (known: {', '.join(QUESTION_KINDS)})")
            kind = None
        text = r.text(m["text"], join(path, "text")) if "text" in m else Text("", "")
        help_text = r.text(m["help"], join(path, "help")) if "help" in m else None
        page = r.identifier(m.get("page"), join(path, "page")) if "page" in m else None
        if page is not None and page not in page_order:
            r.add(join(path, "page"), f"unknown page {page!r} (known: {', '.join(page_order)})")
        if kind is None or ident is None:
            return None
        required, optional = QUESTION_KEYS[kind]
        for key in m:
            if key in ALL_QUESTION_KEYS and key not in (*QUESTION_BASE, *required, *optional):
                r.add(join(path, key), f"not allowed on a {kind} question")
        for key in required:
            if key not in m:
                r.add(join(path, key), f"missing required key for a {kind} question")
        dimension = None
        if "dimension" in m and "dimension" in required:
            dimension = r.identifier(m["dimension"], join(path, "dimension"))
            known = [d.id for d in dimensions]
            if dimension is not None and dimension not in known:
                r.add(
                    join(path, "dimension"),
                    f"unknown dimension {dimension!r} (known: {', '.join(known)})",
                )
        scale = None
        if "scale" in m and "scale" in required:
            scale = r.identifier(m["scale"], join(path, "scale"))
            if scale is not None and scale not in scales:
                r.add(join(path, "scale"), f"unknown scale {scale!r} (known: {', '.join(scales)})")
        options: tuple[Option, ...] = ()
        if kind == "background":
            options = read_background_options(
                r, ident, self.audience, m.get("options"), join(path, "options")
            )
        question_kind = cast(QuestionKind, kind)  # checked against QUESTION_KINDS above
        return Question(
            id=ident,
            kind=question_kind,
            text=text,
            page=page or "",
            dimension=dimension,
            scale=scale,
            options=options,
            help=help_text,
        )

    def _check_coverage(
        self,
        questions: list[Question],
        dimensions: list[Dimension],
        pages: list[Page],
        items: list[object],
    ) -> None:
        by_id = {q.id: q for q in questions}
        if not items:
            return
        for qid, kind in REQUIRED_QUESTIONS.items():
            if qid not in by_id or by_id[qid].kind != kind:
                self.r.add("questions", f"missing required question {qid!r} of kind {kind}")
        for qid in REQUIRED_BACKGROUND.get(self.audience, ()):
            if qid not in by_id or by_id[qid].kind != "background":
                self.r.add(
                    "questions",
                    f"missing background question {qid!r} (required for audience {self.audience})",
                )
        used_dims = {q.dimension for q in questions}
        for i, d in enumerate(dimensions):
            if d.id not in used_dims:
                self.r.add(
                    join(join("dimensions", i), "id"), f"dimension {d.id!r} has no statements"
                )
        used_pages = {q.page for q in questions}
        for i, p in enumerate(pages):
            if p.id not in used_pages:
                self.r.add(join(join("pages", i), "id"), f"page {p.id!r} has no questions")
