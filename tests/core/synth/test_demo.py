import json

import pandas as pd
import pytest

from maatmonitor.core.synth import (
    build_demo_data,
    calibrate_model,
    load_truth,
    shipped_questionnaires,
    simulate_responses,
)
from maatmonitor.core.synth.population import generate_population


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return build_demo_data(out, n_clients=20_000, n_employers=5_000, seed=3, csv=True)


def test_demo_writes_frame_and_truth(demo):
    frame = pd.read_parquet(demo.frame_parquet)
    assert len(frame) == 25_000
    pd.testing.assert_frame_equal(
        frame, generate_population(20_000, 5_000, seed=3), check_dtype=False
    )
    assert demo.frame_csv is not None
    assert demo.frame_csv.read_text().count("\n") == 25_001
    data = json.loads(demo.truth_json.read_text())
    assert data["population"]["n"] == {"client": 20_000, "employer": 5_000}
    assert set(data["waves"]) == {"1", "2"}
    assert data["waves"]["1"]["client"]["all"]["strong"] == pytest.approx(0.57, abs=1e-4)
    assert set(data["waves"]["1"]["client"]["by"]) == {
        "journey",
        "outcome",
        "age_band",
        "debt",
        "district",
    }
    shipped = shipped_questionnaires()
    assert data["questionnaires"]["client"]["content_hash"] == shipped["client"].content_hash()


def test_truth_round_trips_and_its_model_reproduces_answers(demo):
    loaded = load_truth(demo.truth_json)
    assert loaded.to_dict() == json.loads(demo.truth_json.read_text())
    frame = pd.read_parquet(demo.frame_parquet)
    sample = frame.sample(2000, random_state=5)
    questionnaires = shipped_questionnaires()
    fresh = calibrate_model(generate_population(20_000, 5_000, seed=3), seed=3)
    a = simulate_responses(sample, questionnaires, 2, seed=4, model=loaded.model)
    b = simulate_responses(sample, questionnaires, 2, seed=4, model=fresh)
    pd.testing.assert_frame_equal(a, b)


def test_shipped_routing_and_scales_hold_in_responses(demo):
    frame = pd.read_parquet(demo.frame_parquet)
    questionnaires = shipped_questionnaires()
    model = load_truth(demo.truth_json).model
    resp = simulate_responses(frame, questionnaires, 1, seed=6, model=model)
    resp = resp[resp["status"] == "complete"].merge(
        frame[["unit_id", "outcome", "journey"]], on="unit_id", suffixes=("", "_frame")
    )
    for audience, q in questionnaires.items():
        part = resp[resp["audience"] == audience]
        context_cols = ["journey", "outcome", "age_band", "size_class", "sector"]
        for _, row in part.head(300).iterrows():
            context = {k: row[k] for k in context_cols if isinstance(row[k], str)}
            routed = {x.id for x in q.questions_for(context) if x.kind != "open"}
            for x in q.questions:
                if x.kind == "open":
                    continue
                assert pd.notna(row[x.id]) == (x.id in routed), (row["unit_id"], x.id)
        for s in q.statements:
            assert set(part[s.id].dropna().astype(int)) <= set(q.scales[str(s.scale)].values)


def test_load_truth_names_the_file_and_problem(tmp_path):
    bad = tmp_path / "truth.json"
    bad.write_text('{"schema": "other"}')
    with pytest.raises(ValueError, match=r"truth.json: expected schema"):
        load_truth(bad)
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="cannot read truth JSON"):
        load_truth(bad)
