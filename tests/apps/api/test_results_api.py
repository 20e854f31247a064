"""Results over the API: disclosure rules kept (null with reason), liaison officers scoped."""

import pytest

from maatmonitor.apps.accounts.constants import Role
from tests.factories_loop import analysis, store, wave

URL = "/api/v1/results/client/2026-1/"


@pytest.fixture
def stored(db):
    w = wave("2026-1")
    store(w, analysis(districts={"oost": 0.62, "noord": None, "west": 0.5}))
    return w


def _domains(body):
    return {(e["variable"], e["domain"].get("district")): e for e in body["domains"]}


def test_researcher_sees_every_district_and_suppressed_figures_as_null(stored, researcher_api):
    body = researcher_api.get(URL).json()
    domains = _domains(body)
    assert {d for _v, d in domains} == {"oost", "noord", "west"}
    hidden = domains[("headline", "noord")]
    assert hidden["suppressed"] is True
    assert hidden["value"] is None
    assert hidden["ci_low"] is None
    assert hidden["n"] is None
    assert hidden["reason"] == "min_n"
    assert hidden["reason_text"]
    shown = domains[("headline", "oost")]
    assert shown["suppressed"] is False
    assert shown["value"] == pytest.approx(0.62)
    assert shown["reason"] is None
    assert body["headline"]["value"] == pytest.approx(0.57)
    assert [d["dimension"] for d in body["dimensions"]] == ["mens", "redelijk", "helpt", "simpel"]


def test_liaison_officer_sees_national_and_only_own_district(stored, as_role):
    client = as_role(Role.LIAISON_OFFICER, ["oost"])
    body = client.get(URL).json()
    assert {d for _v, d in _domains(body)} == {"oost"}
    assert body["districts"] == ["oost"]
    assert body["headline"]["value"] == pytest.approx(0.57)  # national figure


def test_liaison_officer_without_districts_gets_no_domain_figures(stored, as_role):
    body = as_role(Role.LIAISON_OFFICER).get(URL).json()
    assert body["domains"] == []


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.SIGNAL_HANDLER, Role.ADMINISTRATOR])
def test_other_roles_are_refused(stored, as_role, role):
    client = as_role(role, ["oost"] if role != Role.ADMINISTRATOR else ())
    assert client.get(URL).status_code == 403
    assert client.get("/api/v1/results/").status_code == 403


def test_anonymous_and_bad_token_get_401(stored, client):
    assert client.get(URL).status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Token nope").status_code == 401


def test_unknown_or_unanalysed_wave_is_404(stored, researcher_api):
    assert researcher_api.get("/api/v1/results/client/1999-1/").status_code == 404
    wave("2026-2", number=2)
    assert researcher_api.get("/api/v1/results/client/2026-2/").status_code == 404


def test_list_shows_analysed_waves_once(stored, researcher_api):
    store(stored, analysis())  # a newer run of the same wave
    rows = researcher_api.get("/api/v1/results/").json()
    assert [(r["wave"], r["audience"]) for r in rows] == [("2026-1", "client")]


def test_results_are_read_only(stored, researcher_api):
    assert researcher_api.post(URL, {}).status_code == 405
