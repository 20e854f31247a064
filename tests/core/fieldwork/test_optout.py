"""Opt-outs mark the next frame so the draw's eligibility rule excludes them."""

from datetime import date

import pandas as pd
import pytest

from maatmonitor.core.fieldwork import apply_opt_outs, read_opt_outs, write_opt_outs
from maatmonitor.core.sampling import eligibility


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["c1", "c2", "c3", "e1"],
            "audience": ["client", "client", "client", "employer"],
            "last_invited": pd.to_datetime([None, None, None, None]).astype("datetime64[s]"),
            "opt_out": [False, True, False, False],
        }
    )


def test_opted_out_units_become_ineligible_only_in_their_audience():
    opt_outs = pd.DataFrame(
        {"audience": ["client", "client", "client"], "unit_id": ["c1", "c2", "e1"]}
    )
    result = apply_opt_outs(_frame(), opt_outs)
    assert result.frame["opt_out"].tolist() == [True, True, False, False]
    # e1 is an employer id: an opt-out as client does not touch it.
    assert (result.listed, result.marked, result.already) == (3, 1, 1)
    elig = eligibility(result.frame, date(2026, 11, 1), 12)
    assert elig.eligible.tolist() == [False, False, True, True]
    assert _frame()["opt_out"].tolist() == [False, True, False, False]  # input untouched


def test_round_trip_through_csv(tmp_path):
    opt_outs = pd.DataFrame(
        {"audience": ["employer", "client", "client"], "unit_id": ["e1", "c1", "c1"]}
    )
    path = write_opt_outs(opt_outs, tmp_path / "opt_outs.csv")
    back = read_opt_outs(path)
    assert back.values.tolist() == [["client", "c1"], ["employer", "e1"]]
    assert path.read_text().splitlines()[0] == "audience,unit_id"


def test_empty_id_is_reported_with_its_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("audience,unit_id\nclient,c1\nclient,\n")
    with pytest.raises(ValueError, match="rij 3"):
        read_opt_outs(path)
