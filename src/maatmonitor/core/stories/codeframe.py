"""The editable codeframe: topic codes with labels, descriptions, cues and audience limits.

A codeframe is a YAML or JSON file the researcher edits (see `data/codeframe.yaml` for the
default). Loading validates every field and reports the file and path of each problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from maatmonitor.core.codes import AUDIENCE

OTHER_CODE = "overig"
LANGS = ("nl", "en")
_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class CodeframeError(ValueError):
    """A codeframe file is unreadable or invalid; the message names file and path."""


@dataclass(frozen=True)
class Cue:
    """One cue: a word (lemma) or a phrase of words; `exact` disables compound matching."""

    words: tuple[str, ...]
    exact: bool


@dataclass(frozen=True)
class TopicCode:
    """One code of the codeframe."""

    code: str
    label_nl: str
    label_en: str
    description_nl: str
    description_en: str
    audiences: frozenset[str]
    cues: dict[str, tuple[Cue, ...]]
    patterns: dict[str, tuple[re.Pattern[str], ...]]


@dataclass(frozen=True)
class Codeframe:
    """An ordered set of topic codes; `overig` is the fallback code."""

    codes: tuple[TopicCode, ...]
    source: str

    def code_ids(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)

    def get(self, code: str) -> TopicCode:
        for c in self.codes:
            if c.code == code:
                return c
        raise KeyError(f"onbekende code {code!r} in codeframe {self.source}")


def _fail(source: str, path: str, why: str) -> CodeframeError:
    return CodeframeError(f"{source}: {path}: {why}")


def _text_pair(raw: Any, source: str, path: str, required: bool) -> tuple[str, str]:
    if raw is None and not required:
        return "", ""
    if not isinstance(raw, dict):
        raise _fail(source, path, "verwacht een mapping met 'nl' en 'en'")
    pair = []
    for lang in LANGS:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise _fail(source, f"{path}.{lang}", "ontbreekt of is geen tekst")
        pair.append(value.strip())
    return pair[0], pair[1]


def _parse_cue(raw: Any, source: str, path: str) -> Cue:
    if not isinstance(raw, str) or not raw.strip() or raw.strip() == "=":
        raise _fail(source, path, "een cue moet een niet-lege tekst zijn")
    text = raw.strip().lower()
    exact = text.startswith("=")
    words = tuple(text.lstrip("=").split())
    return Cue(words, exact or len(words) > 1)


def _lang_lists(raw: Any, source: str, path: str) -> dict[str, list[Any]]:
    if raw is None:
        return {lang: [] for lang in LANGS}
    if not isinstance(raw, dict):
        raise _fail(source, path, "verwacht een mapping met lijsten per taal (nl, en)")
    unknown = set(raw) - set(LANGS)
    if unknown:
        raise _fail(source, path, f"onbekende taal {sorted(unknown)}; toegestaan: nl, en")
    out: dict[str, list[Any]] = {}
    for lang in LANGS:
        items = raw.get(lang) or []
        if not isinstance(items, list):
            raise _fail(source, f"{path}.{lang}", "verwacht een lijst")
        out[lang] = items
    return out


def _parse_code(raw: Any, source: str, path: str) -> TopicCode:
    if not isinstance(raw, dict):
        raise _fail(source, path, "verwacht een mapping per code")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise _fail(source, f"{path}.code", f"{code!r} is geen geldige code (a-z, 0-9, _)")
    label_nl, label_en = _text_pair(raw.get("label"), source, f"{path}.label", True)
    desc_nl, desc_en = _text_pair(raw.get("description"), source, f"{path}.description", False)
    audiences_raw = raw.get("audience", list(AUDIENCE))
    if isinstance(audiences_raw, str):
        audiences_raw = [audiences_raw]
    if not isinstance(audiences_raw, list) or not audiences_raw:
        raise _fail(source, f"{path}.audience", "verwacht een niet-lege lijst")
    for aud in audiences_raw:
        if aud not in AUDIENCE:
            raise _fail(source, f"{path}.audience", f"onbekende doelgroep {aud!r}")
    cue_lists = _lang_lists(raw.get("cues"), source, f"{path}.cues")
    cues = {
        lang: tuple(_parse_cue(c, source, f"{path}.cues.{lang}[{i}]") for i, c in enumerate(items))
        for lang, items in cue_lists.items()
    }
    pattern_lists = _lang_lists(raw.get("patterns"), source, f"{path}.patterns")
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for lang, items in pattern_lists.items():
        compiled = []
        for i, pat in enumerate(items):
            where = f"{path}.patterns.{lang}[{i}]"
            if not isinstance(pat, str) or not pat:
                raise _fail(source, where, "een patroon moet een niet-lege tekst zijn")
            try:
                compiled.append(re.compile(pat, re.IGNORECASE))
            except re.error as exc:
                raise _fail(source, where, f"ongeldige reguliere expressie: {exc}") from None
        patterns[lang] = tuple(compiled)
    if code != OTHER_CODE and not any(cues.values()) and not any(patterns.values()):
        raise _fail(source, path, f"code {code!r} heeft geen cues en geen patronen")
    return TopicCode(
        code, label_nl, label_en, desc_nl, desc_en, frozenset(audiences_raw), cues, patterns
    )


def parse_codeframe(data: Any, source: str = "<codeframe>") -> Codeframe:
    """Validate a codeframe already read from YAML/JSON into Python objects."""
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise _fail(source, "codes", "verwacht een lijst 'codes' op het hoogste niveau")
    if not data["codes"]:
        raise _fail(source, "codes", "de lijst is leeg")
    codes = tuple(_parse_code(raw, source, f"codes[{i}]") for i, raw in enumerate(data["codes"]))
    seen: set[str] = set()
    for i, c in enumerate(codes):
        if c.code in seen:
            raise _fail(source, f"codes[{i}].code", f"code {c.code!r} komt twee keer voor")
        seen.add(c.code)
    if OTHER_CODE not in seen:
        raise _fail(source, "codes", f"de terugvalcode {OTHER_CODE!r} ontbreekt")
    return Codeframe(codes, source)


def load_codeframe(path: Path | str | None = None) -> Codeframe:
    """Load and validate a codeframe file (.yaml/.yml/.json); None loads the default."""
    if path is None:
        ref = resources.files("maatmonitor.core.stories") / "data" / "codeframe.yaml"
        return parse_codeframe(yaml.safe_load(ref.read_text(encoding="utf-8")), "codeframe.yaml")
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodeframeError(f"{p}: bestand niet gevonden") from None
    except UnicodeDecodeError as exc:
        raise CodeframeError(f"{p}: geen UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise CodeframeError(f"{p}: niet te lezen: {exc}") from None
    return parse_codeframe(data, str(p))
