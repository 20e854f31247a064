"""Draw, manifest and redraw: reproducibility, frame-hash check, exclusions, margins."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from maatmonitor.core.sampling import (
    Design,
    Manifest,
    ManifestError,
    attach_prn,
    draw,
    import_frame,
    population_margins,
    read_margins,
    redraw,
    write_margins,
)
from maatmonitor.core.sampling.strata import recency_cutoff

from .conftest import synthetic_frame

REF = date(2025, 6, 1)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("frame") / "frame.csv"
    raw = synthetic_frame(6000)
    raw.to_csv(path, index=False)
    result = import_frame(path, reference_date=REF)
    assert result.rows_rejected == 0
    return result.frame


DESIGN = Design(size=600, method="neyman", minimum=2, cap=60, response_rate=0.4)


def _draw(frame, **kw):
    args = {"salt": "s", "wave": 1, "reference_date": REF, "exclusion_months": 6} | kw
    return draw(frame, DESIGN, **args)


def test_draw_respects_allocation_and_exclusions(clean):
    result = _draw(clean)
    table = result.table
    assert table["target"].sum() == 600
    per_stratum = result.sample["stratum"].value_counts()
    assert (
        per_stratum.reindex(table["stratum"]).fillna(0).to_numpy() == table["invitations"]
    ).all()
    chosen = clean.set_index("unit_id").loc[result.sample["unit_id"]]
    cutoff = pd.Timestamp(recency_cutoff(REF, 6))
    assert not chosen["opt_out"].any()
    assert not (chosen["last_invited"] > cutoff).any()
    excluded = clean["opt_out"] | (clean["last_invited"] > cutoff)
    assert table["eligible"].sum() == int((~excluded).sum())
    assert table["invitations"].le(table["eligible"]).all()


def test_recency_cutoff_uses_calendar_months():
    assert recency_cutoff(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert recency_cutoff(date(2025, 6, 1), 12) == date(2024, 6, 1)


def test_manifest_round_trip_and_redraw(clean, tmp_path):
    result = _draw(clean, wave=3)
    path = result.manifest.write(tmp_path / "m.json")
    manifest = Manifest.read(path)
    assert manifest == result.manifest
    assert manifest.selected_ids == sorted(result.sample["unit_id"])
    shuffled = clean.sample(frac=1.0, random_state=9).reset_index(drop=True)
    assert redraw(shuffled, manifest) == manifest.selected_ids
    assert redraw(attach_prn(clean, "s"), manifest) == manifest.selected_ids


def test_cached_prns_give_the_same_draw(clean):
    plain = _draw(clean)
    cached = _draw(attach_prn(clean, "s"))
    assert plain.manifest.selected_ids == cached.manifest.selected_ids
    wrong_cache = _draw(attach_prn(clean, "other"))  # fingerprint differs: recomputed, not reused
    assert wrong_cache.manifest.selected_ids == plain.manifest.selected_ids


def test_redraw_refuses_a_different_frame(clean):
    manifest = _draw(clean).manifest
    changed = clean.copy()
    changed.loc[0, "district"] = "limburg" if changed.loc[0, "district"] != "limburg" else "noord"
    with pytest.raises(ManifestError, match="frame-hash verschilt"):
        redraw(changed, manifest)


def test_redraw_detects_tampered_manifest(clean):
    manifest = _draw(clean).manifest
    tampered = Manifest.from_json(manifest.to_json())
    tampered.selected_ids = [*tampered.selected_ids[1:], "X"]
    with pytest.raises(ManifestError, match="wijken af"):
        redraw(clean, tampered)
    changed = Manifest.from_json(manifest.to_json())
    changed.design = {**changed.design, "size": 700}
    with pytest.raises(ManifestError, match="target per stratum"):
        redraw(clean, changed)


def test_manifest_errors_name_the_problem():
    with pytest.raises(ManifestError, match="geen geldige JSON"):
        Manifest.from_json("{", "m.json")
    with pytest.raises(ManifestError, match="velden ontbreken: salt"):
        Manifest.from_json(json.dumps({"manifest_version": 1, "wave": 1}), "m.json")


def test_different_salts_give_different_samples(clean):
    a = set(_draw(clean, salt="a").manifest.selected_ids)
    b = set(_draw(clean, salt="b").manifest.selected_ids)
    assert len(a & b) < 0.7 * len(a)


def test_margins_are_complete_and_count_the_frame(clean, tmp_path):
    margins = population_margins(clean)
    clients = int((clean["audience"] == "client").sum())
    for var in ("district", "journey", "age_band", "outcome"):
        part = margins[(margins["audience"] == "client") & (margins["variable"] == var)]
        assert part["count"].sum() == clients
    sizes = margins[(margins["audience"] == "employer") & (margins["variable"] == "size_class")]
    assert sizes["category"].tolist() == ["small", "medium", "large"]
    assert sizes["count"].sum() == int((clean["audience"] == "employer").sum())
    for name in ("m.csv", "m.json"):
        back = read_margins(write_margins(margins, tmp_path / name))
        pd.testing.assert_frame_equal(back.astype({"count": "int64"}), margins, check_dtype=False)


def test_excluded_share_reported(clean):
    table = _draw(clean).table
    share = 1 - table["eligible"] / table["population"]
    assert np.allclose(table["excluded_share"], share)
    assert (table["excluded_share"] > 0).any()
