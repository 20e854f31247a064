from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from maatmonitor.core.stories import StoriesInputError, read_inputs, write_results


def test_csv_with_semicolons_and_empty_text(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_text('id;audience;text\n1;client;"Goed, snel"\n2;employer;\n', encoding="utf-8")
    items = read_inputs(p)
    assert [(i.id, i.audience, i.text) for i in items] == [
        ("1", "client", "Goed, snel"),
        ("2", "employer", ""),
    ]


def test_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(
        json.dumps({"id": 7, "audience": "client", "text": "é"}) + "\n\n", encoding="utf-8"
    )
    assert [(i.id, i.text) for i in read_inputs(p)] == [("7", "é")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "id,text\n1,x\n", "kolom(men) ontbreken: audience"),
        ("a.csv", "", "leeg"),
        ("a.csv", "id,audience,text\n", "geen antwoorden"),
        ("a.csv", "id,audience,text\n1,burger,x\n", "regel 2: veld 'audience'"),
        ("a.csv", "id,audience,text\n1,client,x\n1,client,y\n", "'1' komt meer dan eens"),
        ("a.jsonl", '{"id": 1, "audience": "client"}\n', "regel 1: veld(en) ontbreken: text"),
        (
            "a.jsonl",
            '{"id": 1, "audience": "client", "text": "x"}\n{oops\n',
            "regel 2: geen geldige JSON",
        ),
        ("a.xlsx", "x", "onbekend formaat"),
    ],
)
def test_bad_input_is_reported_precisely(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(StoriesInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_inputs(p)


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "latin1.csv"
    p.write_bytes("id,audience,text\n1,client,café\n".encode("latin-1"))
    with pytest.raises(StoriesInputError, match="regel 2: geen geldige UTF-8"):
        read_inputs(p)


def test_write_results_round_trip(pipeline) -> None:  # type: ignore[no-untyped-def]
    from maatmonitor.core.stories import StoryInput

    results = pipeline.process_batch([StoryInput("a", "client", "Bel 06-12345678, dank!")])
    buf = io.StringIO()
    assert write_results(results, buf) == 1
    rec = json.loads(buf.getvalue())
    assert rec["id"] == "a"
    assert rec["redacted"] == "Bel [TELEFOON], dank!"
    assert rec["pii"] == [{"type": "phone", "start": 4, "end": 15}]
    assert set(rec) >= {"topics", "sentiment"}
