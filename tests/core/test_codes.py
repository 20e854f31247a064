from maatmonitor.core import codes


def test_age_band_boundaries_are_inclusive_lower_bounds():
    assert codes.age_band_for(17) == "18_26"
    assert codes.age_band_for(26) == "18_26"
    assert codes.age_band_for(27) == "27_44"
    assert codes.age_band_for(54) == "45_54"
    assert codes.age_band_for(55) == "55_plus"


def test_journey_codes_are_unique_across_audiences():
    mapping = codes.all_journey_codes()
    assert len(mapping) == sum(len(j) for j in codes.JOURNEYS.values())
    assert set(mapping.values()) == {a.code for a in codes.AUDIENCES}


def test_eleven_districts():
    assert len(codes.DISTRICTS) == 11
