from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from maatmonitor.cli.stories import app

runner = CliRunner()


def test_code_writes_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "id,audience,text\n"
        'a1,client,"Mijn casemanager Ahmed belde nooit terug, bel 06-12345678."\n'
        "a2,employer,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "stories.jsonl"
    result = runner.invoke(app, ["code", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["a1", "a2"]
    first = recs[0]
    assert first["redacted"] == ("Mijn casemanager [NAAM] belde nooit terug, bel [TELEFOON].")
    assert {p["type"] for p in first["pii"]} == {"name", "phone"}
    assert "bereikbaarheid" in first["topics"]
    assert first["sentiment"] == "negatief"
    assert recs[1]["topics"] == []
    assert recs[1]["sentiment"] == "neutraal"


def test_bad_input_fails_with_message(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,x\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(src), "--out", str(out)])
    assert result.exit_code == 1
    assert "audience" in result.output
    assert not out.exists()


def test_bad_codeframe_fails(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "audience": "client", "text": "x"}\n', encoding="utf-8")
    frame = tmp_path / "frame.yaml"
    frame.write_text("codes: []\n", encoding="utf-8")
    result = runner.invoke(
        app, ["code", str(src), "--out", str(tmp_path / "o.jsonl"), "--codeframe", str(frame)]
    )
    assert result.exit_code == 1
    assert "lijst is leeg" in result.output
