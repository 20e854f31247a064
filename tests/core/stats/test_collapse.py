"""Merging sampled strata without respondents into their nearest stratum."""

import pandas as pd
import pytest

from maatmonitor.core.stats.collapse import collapse_empty_strata


def design(rows):
    return pd.DataFrame(rows, columns=["stratum", "N_h", "n_h"])


def test_empty_stratum_goes_to_the_partner_sharing_most_parts():
    d = design(
        [
            ("employer:subsidies:noord:large", 8, 8),
            ("employer:subsidies:noord:small", 900, 60),
            ("employer:subsidies:oost:large", 40, 20),
            ("employer:arrange:noord:large", 30, 20),
        ]
    )
    strata = pd.Series(
        ["employer:subsidies:noord:small"] * 5
        + ["employer:subsidies:oost:large"] * 9
        + ["employer:arrange:noord:large"] * 9
    )
    new, mapped, merges = collapse_empty_strata(d, strata)
    assert [(m.empty, m.partner) for m in merges] == [
        ("employer:subsidies:noord:large", "employer:subsidies:noord:small")
    ]
    merged = new.set_index("stratum").loc[merges[0].merged]
    assert (merged["N_h"], merged["n_h"]) == (908, 68)
    assert new["N_h"].sum() == d["N_h"].sum()
    assert (mapped == merges[0].merged).sum() == 5


def test_unsampled_strata_and_complete_designs_are_left_alone():
    d = design([("a:x", 10, 0), ("a:y", 50, 5)])
    strata = pd.Series(["a:y"] * 3)
    new, mapped, merges = collapse_empty_strata(d, strata)
    assert merges == ()
    assert new is d
    assert mapped is strata


def test_no_respondents_at_all_is_an_error():
    with pytest.raises(ValueError, match="geen enkel stratum"):
        collapse_empty_strata(design([("a:x", 10, 5)]), pd.Series([], dtype=str))
