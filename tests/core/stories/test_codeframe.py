from __future__ import annotations

from pathlib import Path

import pytest

from maatmonitor.core.stories import CodeframeError, load_codeframe, parse_codeframe

DEFAULT_CODES = {
    "bereikbaarheid", "doorlooptijd", "communicatie", "bejegening", "vast_contact", "keuring",
    "regels", "digitaal", "uitkering", "werk_reintegratie", "bezwaar", "subsidie",
    "werknemer_regelen", "personeel_werven", "overig",
}  # fmt: skip


def test_default_codeframe_has_the_issue_codes_and_employer_limits() -> None:
    frame = load_codeframe()
    assert set(frame.code_ids()) == DEFAULT_CODES
    for code in ("subsidie", "werknemer_regelen", "personeel_werven"):
        assert frame.get(code).audiences == {"employer"}
    assert frame.get("bejegening").audiences == {"client", "employer"}
    assert all(c.label_nl and c.label_en for c in frame.codes)


def _minimal(**override: object) -> dict[str, object]:
    code = {"code": "x", "label": {"nl": "X", "en": "X"}, "cues": {"nl": ["woord"]}}
    code.update(override)
    return {"codes": [code, {"code": "overig", "label": {"nl": "Overig", "en": "Other"}}]}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"codes": []}, "codes"),
        (_minimal(code="Bad Code"), "codes[0].code"),
        (_minimal(label={"nl": "X"}), "codes[0].label.en"),
        (_minimal(audience=["burger"]), "codes[0].audience"),
        (_minimal(cues={"de": ["x"]}), "codes[0].cues"),
        (_minimal(cues={"nl": [""]}), "codes[0].cues.nl[0]"),
        (_minimal(cues={}, patterns={"nl": ["(unclosed"]}), "codes[0].patterns.nl[0]"),
        (_minimal(cues={}), "codes[0]"),
        ({"codes": [_minimal()["codes"][0]]}, "overig"),  # type: ignore[index]
    ],
)
def test_invalid_codeframes_name_the_path(data: dict[str, object], where: str) -> None:
    with pytest.raises(CodeframeError, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse_codeframe(data, "frame.yaml")


def test_duplicate_code_is_refused() -> None:
    data = _minimal()
    data["codes"] = [*data["codes"], data["codes"][0]]  # type: ignore[list-item, misc]
    with pytest.raises(CodeframeError, match="twee keer"):
        parse_codeframe(data)


def test_edited_file_is_loaded_from_yaml_and_json(tmp_path: Path) -> None:
    import json

    import yaml

    data = _minimal()
    (tmp_path / "f.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "f.json").write_text(json.dumps(data), encoding="utf-8")
    for name in ("f.yaml", "f.json"):
        assert load_codeframe(tmp_path / name).code_ids() == ("x", "overig")
    (tmp_path / "bad.yaml").write_bytes(b"codes: [\xff")
    with pytest.raises(CodeframeError, match="UTF-8"):
        load_codeframe(tmp_path / "bad.yaml")
    with pytest.raises(CodeframeError, match="niet gevonden"):
        load_codeframe(tmp_path / "missing.yaml")
