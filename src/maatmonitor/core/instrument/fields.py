"""Typed readers for the questionnaire document that record a problem instead of raising."""

from __future__ import annotations

import re
from collections.abc import Collection

from maatmonitor.core.instrument.errors import Problem
from maatmonitor.core.instrument.model import LANGUAGES, Text
from maatmonitor.core.instrument.yamlsource import YamlDocument, join

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
_LANGUAGE_NAMES = {"nl": "Dutch text", "en": "English translation"}


def type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a whole number",
        float: "a number",
    }.get(type(value), type(value).__name__)


class Reader:
    """Collects problems for one source file; line numbers come from the YAML document."""

    def __init__(self, source: str, doc: YamlDocument) -> None:
        self.source = source
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        probe = path
        while probe and probe not in self.doc.lines:
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        line = self.doc.lines.get(probe) if probe else None
        self.problems.append(Problem(self.source, path, message, line))

    def mapping(
        self,
        value: object,
        path: str,
        required: Collection[str],
        optional: Collection[str] = (),
        what: str = "",
    ) -> dict[str, object] | None:
        """A mapping with only known keys; reports each missing and each unknown key."""
        if not isinstance(value, dict):
            self.add(path or "(top)", f"expected {what or 'a mapping'}, got {type_name(value)}")
            return None
        allowed = [*required, *optional]
        for key in value:
            if key not in allowed:
                self.add(join(path, key), f"unknown key {key!r} (allowed: {', '.join(allowed)})")
        for key in required:
            if key not in value:
                self.add(join(path, key), "missing required key")
        return value

    def items(self, value: object, path: str, *, non_empty: bool = True) -> list[object]:
        if not isinstance(value, list):
            self.add(path, f"expected a list, got {type_name(value)}")
            return []
        if non_empty and not value:
            self.add(path, "the list is empty")
        return value

    def string(self, value: object, path: str) -> str | None:
        if not isinstance(value, str):
            self.add(path, f"expected text, got {type_name(value)}")
            return None
        if not value.strip():
            self.add(path, "must not be empty")
            return None
        return value.strip()

    def identifier(self, value: object, path: str) -> str | None:
        text = self.string(value, path)
        if text is not None and not ID_PATTERN.match(text):
            self.add(path, f"invalid id {text!r}: use lower-case letters, digits and _")
            return None
        return text

    def integer(self, value: object, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, f"expected a whole number, got {type_name(value)}")
            return None
        return value

    def boolean(self, value: object, path: str) -> bool | None:
        if not isinstance(value, bool):
            self.add(path, f"expected true or false, got {type_name(value)}")
            return None
        return value

    def text(self, value: object, path: str) -> Text:
        """A text with both `nl` and `en`; each missing language is reported on its own path."""
        if not isinstance(value, dict):
            if isinstance(value, str):
                self.add(path, "needs both nl and en (missing translation): write nl: ... en: ...")
            else:
                self.add(path, f"expected nl and en texts, got {type_name(value)}")
            return Text("", "")
        found: dict[str, str] = {}
        for key in value:
            if key not in LANGUAGES:
                self.add(join(path, key), f"unknown language {key!r} (use nl and en)")
        for lang in LANGUAGES:
            item = value.get(lang)
            child = join(path, lang)
            if item is None or (isinstance(item, str) and not item.strip()):
                kind = "missing Dutch text" if lang == "nl" else "missing English translation"
                self.add(child, f"{kind} (nl and en are both required)")
            elif not isinstance(item, str):
                self.add(child, f"expected {_LANGUAGE_NAMES[lang]}, got {type_name(item)}")
            else:
                found[lang] = " ".join(item.split())
        return Text(found.get("nl", ""), found.get("en", ""))

    def id_list(self, value: object, path: str) -> list[tuple[str, str]]:
        """A list of ids, each with its own path."""
        result = []
        for i, item in enumerate(self.items(value, path, non_empty=False)):
            ident = self.identifier(item, join(path, i))
            if ident is not None:
                result.append((ident, join(path, i)))
        return result
