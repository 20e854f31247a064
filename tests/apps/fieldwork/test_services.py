import time

import numpy as np
import pandas as pd
import pytest

from maatmonitor.apps.fieldwork import codes
from maatmonitor.apps.fieldwork.models import FieldworkEvent, Response, SampleUnit
from maatmonitor.apps.fieldwork.queries import (
    design_frame,
    questionnaire_for,
    response_frame,
    unit_by_letter_code,
    unit_by_personal_code,
)
from maatmonitor.apps.fieldwork.services import (
    FieldworkInputError,
    create_sample_units,
    record_simulated_responses,
    resume,
    save_page,
    submit,
)
from tests.factories_fieldwork import fielding_wave, sample_frame, units_with_codes

pytestmark = pytest.mark.django_db


def test_create_sample_units_stores_background_and_only_code_hashes():
    wave = fielding_wave()
    frame = sample_frame("client", 12)
    assert create_sample_units(wave, frame) == 12
    unit = SampleUnit.objects.get(wave=wave, unit_id="c000005")
    assert (unit.journey, unit.district, unit.age_band, unit.outcome) == (
        "wajong",
        "brabant",
        "27_44",
        "none",
    )
    assert unit.debt is True
    issued = codes.unit_codes(unit)
    stored = SampleUnit.objects.filter(pk=unit.pk).values().get()
    assert issued.personal not in str(stored)
    assert issued.letter.replace("-", "") not in str(stored)
    assert unit_by_personal_code(issued.personal) == unit
    assert unit_by_letter_code(codes.normalise_letter_code(issued.letter)) == unit


def test_create_sample_units_again_keeps_existing_codes():
    wave = fielding_wave()
    create_sample_units(wave, sample_frame("client", 5))
    before = dict(SampleUnit.objects.values_list("unit_id", "code_hash"))
    assert create_sample_units(wave, sample_frame("client", 7)) == 2
    after = dict(SampleUnit.objects.values_list("unit_id", "code_hash"))
    assert {k: after[k] for k in before} == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns="unit_id"), "unit_id"),
        (lambda f: f.assign(unit_id=["x"] * len(f)), "rij 2: unit_id 'x' staat dubbel"),
        (lambda f: f.assign(debt=["maybe"] * len(f)), "rij 1: kolom debt"),
    ],
)
def test_create_sample_units_names_the_bad_row(change, message):
    wave = fielding_wave()
    with pytest.raises(FieldworkInputError, match=message):
        create_sample_units(wave, change(sample_frame("client", 3)))
    assert SampleUnit.objects.count() == 0


def test_ten_thousand_units_in_one_bulk_insert_get_distinct_codes():
    wave = fielding_wave()
    frame = sample_frame("client", 10_000)
    started = time.perf_counter()
    assert create_sample_units(wave, frame) == 10_000
    elapsed = time.perf_counter() - started
    assert SampleUnit.objects.filter(wave=wave).count() == 10_000
    assert SampleUnit.objects.values("letter_code_hash").distinct().count() == 10_000
    print(f"10,000 sample units in {elapsed:.2f} s")


def _walk(unit, answers_by_page):
    for page, answers in answers_by_page:
        save_page(unit, page, answers, move_on=True)


CLIENT_PAGES = [
    ("over_u", {"journey": "unemployed", "outcome": "granted", "age_band": "27_44"}),
    ("als_mens", {f"mens_{i}": 4 for i in range(1, 6)}),
]


def test_save_page_moves_on_and_resume_returns_there():
    wave = fielding_wave()
    (unit, _), *_ = units_with_codes(wave, 1)
    assert resume(unit) == "over_u"
    response, next_page = save_page(unit, *CLIENT_PAGES[0], move_on=True)
    assert next_page == "als_mens"
    assert resume(unit) == "als_mens"
    response, stay = save_page(unit, "als_mens", {"mens_1": 2}, move_on=False)
    assert stay == "als_mens"
    assert resume(unit) == "als_mens"
    assert response.answers == {
        "journey": "unemployed",
        "outcome": "granted",
        "age_band": "27_44",
        "mens_1": 2,
    }
    assert FieldworkEvent.objects.filter(unit=unit, kind="started").count() == 1


def test_saving_a_page_again_replaces_its_answers_only():
    wave = fielding_wave()
    (unit, _), *_ = units_with_codes(wave, 1)
    _walk(unit, CLIENT_PAGES)
    save_page(unit, "als_mens", {"mens_1": 1, "mens_2": None}, move_on=True)
    answers = Response.objects.get(unit=unit).answers
    assert answers["journey"] == "unemployed"
    assert answers["mens_1"] == 1
    assert answers["mens_2"] is None
    assert "mens_3" not in answers


def test_submit_is_idempotent_and_freezes_the_answers():
    wave = fielding_wave()
    (unit, _), *_ = units_with_codes(wave, 1)
    _walk(unit, CLIENT_PAGES)
    _first, completed = submit(unit, "token-1")
    _again, completed_again = submit(unit, "token-1")
    other, completed_other = submit(unit, "token-2")
    assert (completed, completed_again, completed_other) == (True, False, False)
    assert Response.objects.filter(unit=unit).count() == 1
    assert FieldworkEvent.objects.filter(unit=unit, kind="completed").count() == 1
    assert other.submission_token == "token-1"
    save_page(unit, "als_mens", {"mens_1": 1}, move_on=True)
    assert Response.objects.get(unit=unit).answers["mens_1"] == 4


def test_submit_drops_answers_that_routing_no_longer_asks():
    wave = fielding_wave()
    (unit, _), *_ = units_with_codes(wave, 1)
    # redelijk_2 is asked only after some outcomes; answer it, then change the route.
    from maatmonitor.apps.fieldwork.queries import questionnaire_for

    q = questionnaire_for(wave)
    routed = q.question("redelijk_2").route
    cond = routed.conditions[0]
    asked = cond.values[0]
    not_asked = next(o.code for o in q.question(cond.question).options if o.code not in cond.values)
    save_page(unit, "over_u", {cond.question: asked}, move_on=True)
    save_page(unit, "redelijk", {"redelijk_2": 5}, move_on=False)
    save_page(unit, "over_u", {cond.question: not_asked}, move_on=True)
    response, _ = submit(unit, "t")
    assert "redelijk_2" not in response.answers
    assert response.answers[cond.question] == not_asked


def _simulated(wave, unit_ids, status="complete"):
    q_ids = {
        "mens_1": [4, 5, 9][: len(unit_ids)],
        "overall": [4, 2, np.nan][: len(unit_ids)],
    }
    frame = pd.DataFrame({"unit_id": unit_ids, "response_date": "2026-11-20", **q_ids})
    frame["status"] = status
    return frame


def test_record_simulated_responses_and_response_frame_shape():
    wave = fielding_wave()
    units_with_codes(wave, 6)
    frame = _simulated(wave, ["c000000", "c000001", "c000002"])
    frame.loc[2, "status"] = "partial"  # partial without the overall answer: not usable
    assert record_simulated_responses(wave, frame) == 3
    assert record_simulated_responses(wave, frame) == 0  # a re-run adds nothing
    result = response_frame(wave)
    assert list(result["unit_id"]) == ["c000000", "c000001"]
    for column in ["stratum", "journey", "district", "age_band", "outcome", "debt"]:
        assert column in result.columns
    assert "size_class" not in result.columns
    assert result["mens_1"].tolist() == [4.0, 5.0]
    assert result["overall"].dtype == np.float64
    assert result["debt"].tolist() == [1, 0]
    assert result["status"].tolist() == ["complete", "complete"]
    assert result["response_date"].tolist() == ["2026-11-20", "2026-11-20"]
    assert result["journey"].tolist() == ["sick_disabled", "unemployed"]


def test_started_response_with_overall_answer_counts_as_partial():
    wave = fielding_wave()
    units_with_codes(wave, 2)
    frame = _simulated(wave, ["c000000", "c000001"], status="partial")
    record_simulated_responses(wave, frame)
    result = response_frame(wave)
    assert result["status"].tolist() == ["partial", "partial"]


def test_record_simulated_responses_refuses_units_outside_the_sample():
    wave = fielding_wave()
    units_with_codes(wave, 1)
    with pytest.raises(FieldworkInputError, match="rij 2: unit_id 'nobody'"):
        record_simulated_responses(wave, _simulated(wave, ["c000000", "nobody"]))
    assert Response.objects.count() == 0


def test_design_frame_from_manifest_and_units():
    wave = fielding_wave()
    units_with_codes(wave, 9)
    design = design_frame(wave)
    assert list(design.columns) == ["stratum", "N_h", "n_h"]
    assert len(design) == 9  # every stratum of the manifest, sampled or not
    assert design["N_h"].eq(900).all()
    assert design["n_h"].sum() == 9
    by_stratum = design.set_index("stratum")["n_h"]
    assert by_stratum["client|sick_disabled|noord"] == 3
    assert by_stratum["client|sick_disabled|oost"] == 0


def test_design_frame_refuses_strata_missing_from_the_manifest():
    wave = fielding_wave()
    create_sample_units(wave, sample_frame("client", 2).assign(stratum="client|ghost|noord"))
    with pytest.raises(ValueError, match="client\\|ghost\\|noord"):
        design_frame(wave)


def test_simulated_fieldwork_round_trips_through_the_database():
    """The demo path: core.synth answers stored and read back as the same C1 frame."""
    from maatmonitor.core.synth.model import uncalibrated_model
    from maatmonitor.core.synth.responses import simulate_responses

    wave = fielding_wave()
    sample = sample_frame("client", 400).assign(audience="client", opt_out=False)
    sample["debt"] = sample["debt"].astype(int)
    create_sample_units(wave, sample)
    questionnaire = questionnaire_for(wave)
    simulated = simulate_responses(
        sample, {"client": questionnaire}, wave=1, seed=7, model=uncalibrated_model(7)
    )
    assert 50 < len(simulated) < 400
    assert record_simulated_responses(wave, simulated) == len(simulated)
    frame = response_frame(wave).set_index("unit_id")
    overall_ids = set(simulated.loc[simulated["overall"].notna(), "unit_id"])
    complete = set(simulated.loc[simulated["status"] == "complete", "unit_id"])
    assert set(frame.index) == complete | overall_ids
    expected = simulated.set_index("unit_id").loc[frame.index]
    for item in ("mens_1", "redelijk_2", "overall", "satisfaction"):
        pd.testing.assert_series_equal(frame[item], expected[item].astype(float), check_names=False)
    assert (frame["status"] == expected["status"]).all()
    assert (frame["response_date"] == expected["response_date"]).all()
