import numpy as np
import pandas as pd
import pytest

from maatmonitor.core import codes
from maatmonitor.core.synth import FRAME_COLUMNS, generate_population
from maatmonitor.core.synth.population import DEFAULT_REFERENCE_DATE, invited_within


def test_schema_codes_and_not_applicable_fields(frame):
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert frame["unit_id"].is_unique
    clients = frame[frame["audience"] == "client"]
    employers = frame[frame["audience"] == "employer"]
    assert clients["unit_id"].str.fullmatch(r"C\d{7}").all()
    assert employers["unit_id"].str.fullmatch(r"W\d{7}").all()
    for aud, part in (("client", clients), ("employer", employers)):
        assert set(part["journey"]) <= {j.code for j in codes.JOURNEYS[aud]}
    assert set(frame["district"]) == set(codes.DISTRICT)
    assert set(clients["age_band"]) == set(codes.AGE_BAND)
    assert set(clients["outcome"]) == set(codes.OUTCOME)
    assert set(clients["debt"]) == {0, 1}
    assert set(frame["channel"]) == set(codes.CHANNEL)
    assert set(frame["opt_out"]) == {0, 1}
    assert set(employers["size_class"]) == set(codes.SIZE_CLASS)
    assert set(employers["sector"]) == set(codes.SECTOR)
    assert employers[["age_band", "outcome", "debt"]].isna().all().all()
    assert clients[["size_class", "sector"]].isna().all().all()
    invited = frame["last_invited"].dropna()
    assert pd.to_datetime(invited, format="%Y-%m-%d").le(pd.Timestamp(DEFAULT_REFERENCE_DATE)).all()


def _shares(part, column):
    return part[column].value_counts(normalize=True)


def test_distributions_are_plausible(frame):
    clients = frame[frame["audience"] == "client"]
    employers = frame[frame["audience"] == "employer"]
    journeys = _shares(clients, "journey")
    assert journeys["sick_disabled"] > journeys["unemployed"] > journeys["wajong"] > 0.05
    districts = _shares(clients, "district")
    assert districts.idxmax() == "brabant"
    assert districts.min() > 0.04
    wajong_young = (clients.loc[clients["journey"] == "wajong", "age_band"] == "18_26").mean()
    others_young = (clients.loc[clients["journey"] != "wajong", "age_band"] == "18_26").mean()
    assert wajong_young > 3 * others_young
    rejected = clients["outcome"] == "rejected"
    assert 0.08 < rejected.mean() < 0.25
    assert (clients.loc[rejected, "journey"] == "sick_disabled").mean() > 0.6
    assert 0.10 <= clients["debt"].mean() <= 0.15
    assert 0.75 < (clients["channel"] == "email").mean() < 0.95
    old_email = (clients.loc[clients["age_band"] == "55_plus", "channel"] == "email").mean()
    assert old_email < (clients.loc[clients["age_band"] == "18_26", "channel"] == "email").mean()
    recent = invited_within(frame, DEFAULT_REFERENCE_DATE, 200)
    assert 0.05 < recent.mean() < 0.2
    assert 0.005 < frame["opt_out"].mean() < 0.05
    assert _shares(employers, "size_class")["small"] > 0.7
    assert _shares(employers, "sector").max() < 0.35


def test_same_seed_same_frame_other_seed_other_frame():
    a = generate_population(3000, 500, seed=11)
    pd.testing.assert_frame_equal(a, generate_population(3000, 500, seed=11))
    b = generate_population(3000, 500, seed=12)
    assert (a["journey"] != b["journey"]).any()


def test_sizes_are_respected_and_bad_sizes_named():
    f = generate_population(10, 0, seed=1)
    assert len(f) == 10
    assert set(f["audience"]) == {"client"}
    with pytest.raises(ValueError, match="n_employers"):
        generate_population(10, -1)
    with pytest.raises(ValueError, match="n_clients"):
        generate_population(10**7, 0)


def test_frame_survives_parquet_and_csv(tmp_path):
    from maatmonitor.core.synth import write_frame

    f = generate_population(500, 200, seed=2)
    paths = write_frame(f, tmp_path, csv=True)
    pd.testing.assert_frame_equal(pd.read_parquet(paths["parquet"]), f, check_dtype=False)
    text = paths["csv"].read_text().splitlines()
    assert text[0] == ",".join(FRAME_COLUMNS)
    back = pd.read_csv(paths["csv"], dtype=str, keep_default_na=False)
    employer_row = back[back["audience"] == "employer"].iloc[0]
    assert employer_row["age_band"] == ""
    assert employer_row["debt"] == ""
    assert np.array_equal(back["unit_id"], f["unit_id"])
