"""Frame import and validation: the exact report for a purpose-made bad frame, and the counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from maatmonitor.core.sampling import (
    FrameSchemaError,
    FrameValidationError,
    frame_hash,
    import_frame,
    load_frame,
    save_frame,
)

from .conftest import synthetic_frame

BAD = Path(__file__).parent / "data" / "bad_frame.csv"
REF = date(2025, 6, 1)

# (row, field, code) of every fault in data/bad_frame.csv; rows are 1-based data rows.
EXPECTED = [
    (3, "unit_id", "missing_id"),
    (4, "unit_id", "duplicate_id"),
    (5, "district", "unknown_code"),
    (6, "birth_year", "impossible_age"),
    (7, "age_band", "missing_value"),
    (8, "debt", "bad_boolean"),
    (9, "last_invited", "bad_date"),
    (10, "audience", "unknown_code"),
    (10, "channel", "unknown_code"),
    (10, "last_invited", "bad_date"),
    (10, "opt_out", "bad_boolean"),
    (12, "journey", "unknown_code"),
    (12, "age_band", "not_applicable"),
    (12, "size_class", "unknown_code"),
    (12, "sector", "missing_value"),
    (13, "age_band", "age_conflict"),
    (14, "birth_year", "bad_integer"),
    (15, "last_invited", "bad_date"),
    (16, "size_class", "not_applicable"),
    (17, "", "malformed_row"),
    (18, "outcome", "missing_value"),
    (18, "opt_out", "missing_value"),
    (19, "birth_year", "impossible_age"),
]


@pytest.fixture(scope="module")
def bad():
    return import_frame(BAD, reference_date=REF)


def test_report_lists_every_fault_exactly(bad):
    got = list(bad.issues[["row", "field", "code"]].itertuples(index=False, name=None))
    assert got == EXPECTED


def test_counts_add_up_and_valid_rows_are_kept(bad):
    assert bad.rows_in == 19
    assert bad.rows_rejected == 15
    assert bad.rows_accepted == 4
    assert bad.frame["unit_id"].tolist() == ["C001", "C002", "E011", "C016"]
    assert bad.frame["source_row"].tolist() == [1, 2, 11, 16]
    assert bad.summary().startswith("19 rijen ingelezen = 4 geaccepteerd + 15 afgewezen")


def test_report_values_and_reasons(bad):
    issues = bad.issues.set_index(["row", "field"])
    assert issues.loc[(4, "unit_id"), "reason"] == "unit_id komt al voor in rij 1"
    assert issues.loc[(4, "unit_id"), "value"] == "C001"
    assert issues.loc[(5, "district"), "value"] == "mars"
    assert issues.loc[(10, "last_invited"), "value"] == "31-01-2024"
    assert "buiten 15-100" in issues.loc[(6, "birth_year"), "reason"]
    assert (
        issues.loc[(12, "journey"), "reason"] == "klantreis hoort bij cliënten, niet bij werkgevers"
    )
    assert issues.loc[(15, "last_invited"), "reason"].endswith("peildatum 2025-06-01")
    assert issues.loc[(17, ""), "value"] == "C017,client,unemployed"
    assert issues.loc[(17, ""), "reason"] == "verwacht 13 velden, gevonden 3"
    assert issues.loc[(16, "size_class"), "severity"] == "warning"


def test_normalisation_and_derived_fields(bad):
    row = bad.frame.set_index("unit_id").loc["C002"]
    assert row["audience"] == "client"
    assert row["district"] == "amsterdam"
    assert row["age_band"] == "45_54"  # 2025 - 1980 = 45
    assert bool(row["debt"]) is True
    assert bool(row["opt_out"]) is True
    assert row["last_invited"] == pd.Timestamp("2024-03-01")
    # The warning cleared the client's size class, the employer keeps its own.
    frame = bad.frame.set_index("unit_id")
    assert pd.isna(frame.loc["C016", "size_class"])
    assert frame.loc["E011", "size_class"] == "small"
    assert pd.isna(frame.loc["E011", "age_band"])


def test_strict_stops_with_the_full_report():
    with pytest.raises(FrameValidationError) as err:
        import_frame(BAD, reference_date=REF, strict=True)
    assert err.value.result.rows_rejected == 15
    assert "strict" in str(err.value)


def test_missing_required_column_is_a_schema_error(tmp_path):
    path = tmp_path / "f.csv"
    synthetic_frame(20).drop(columns=["opt_out"]).to_csv(path, index=False)
    with pytest.raises(FrameSchemaError, match="opt_out"):
        import_frame(path, reference_date=REF)


def test_employer_columns_required_only_with_employers(tmp_path):
    clients = synthetic_frame(50, employer_share=0.0).drop(columns=["size_class", "sector"])
    clients.to_csv(tmp_path / "c.csv", index=False)
    assert import_frame(tmp_path / "c.csv", reference_date=REF).rows_rejected == 0
    mixed = synthetic_frame(50).drop(columns=["sector"])
    mixed.to_csv(tmp_path / "m.csv", index=False)
    with pytest.raises(FrameSchemaError, match="sector"):
        import_frame(tmp_path / "m.csv", reference_date=REF)


def test_csv_and_parquet_give_the_same_clean_frame_and_hash(tmp_path):
    raw = synthetic_frame(2000)
    raw.to_csv(tmp_path / "f.csv", index=False)
    typed = raw.assign(
        birth_year=pd.to_numeric(raw["birth_year"]).astype("Int64"),
        opt_out=raw["opt_out"] == "1",
        last_invited=pd.to_datetime(raw["last_invited"].replace("", None)),
    )
    typed.sample(frac=1.0, random_state=3).to_parquet(tmp_path / "f.parquet", index=False)
    from_csv = import_frame(tmp_path / "f.csv", reference_date=REF)
    from_pq = import_frame(tmp_path / "f.parquet", reference_date=REF)
    assert from_csv.rows_rejected == from_pq.rows_rejected == 0
    assert frame_hash(from_csv.frame) == frame_hash(from_pq.frame)
    a = from_csv.frame.drop(columns="source_row").sort_values("unit_id").reset_index(drop=True)
    b = from_pq.frame.drop(columns="source_row").sort_values("unit_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_clean_frame_round_trips_through_parquet(tmp_path):
    raw = synthetic_frame(500)
    raw.to_csv(tmp_path / "f.csv", index=False)
    clean = import_frame(tmp_path / "f.csv", reference_date=REF).frame
    back = load_frame(save_frame(clean, tmp_path / "clean.parquet"))
    pd.testing.assert_frame_equal(clean, back)
    assert frame_hash(back) == frame_hash(clean)


def test_frame_hash_sees_a_changed_draw_column_but_not_row_order(tmp_path):
    raw = synthetic_frame(300)
    raw.to_csv(tmp_path / "f.csv", index=False)
    clean = import_frame(tmp_path / "f.csv", reference_date=REF).frame
    shuffled = clean.sample(frac=1.0, random_state=1)
    assert frame_hash(shuffled) == frame_hash(clean)
    changed = clean.copy()
    changed.loc[0, "opt_out"] = not changed.loc[0, "opt_out"]
    assert frame_hash(changed) != frame_hash(clean)
