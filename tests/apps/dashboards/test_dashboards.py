"""District dashboard and national overview, from analyses shaped like contract C2."""

import json
import re

import pytest
from django.urls import reverse

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.dashboards import figures
from maatmonitor.apps.followup.models import Initiative
from maatmonitor.core.stats.results import Comparison
from tests.factories_loop import analysis, store, user_in, vs_rest, wave

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_empty_state_without_an_analysis(client):
    wave()
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    page = client.get(reverse("dashboards:district", args=["oost"]))
    assert page.status_code == 200
    assert "Nog geen resultaten" in _text(page)


def test_liaison_officer_goes_to_and_sees_only_their_district(client):
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    index = client.get(reverse("dashboards:index"))
    assert index.status_code == 302
    assert index["Location"] == reverse("dashboards:district", args=["oost"])
    assert client.get(reverse("dashboards:district", args=["noord"])).status_code == 403
    assert client.get(reverse("dashboards:district", args=["atlantis"])).status_code == 404
    assert client.get(reverse("dashboards:national")).status_code == 403


def test_district_figures_against_national_and_last_wave(client):
    before, now = wave("2026-1", 1), wave("2026-2", 2)
    store(before, analysis("2026-1", districts={"oost": 0.50, "noord": 0.4}))
    change = Comparison(
        "wave_change",
        "headline",
        (("district", "oost"),),
        (("district", "oost"), ("wave", "previous")),
        0.12,
        0.04,
        0.04,
        0.20,
        0.95,
        300,
        3.0,
        0.003,
        0.01,
    )
    store(
        now,
        analysis(
            "2026-2",
            national=0.57,
            districts={"oost": 0.62, "noord": None},
            tests=[vs_rest("headline", "oost", 0.06, 0.02)],
            changes=(change,),
        ),
    )
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    page = _text(client.get(reverse("dashboards:district", args=["oost"]), {"meting": now.pk}))
    assert "62%" in page
    assert "57–67%" in page
    assert "57%" in page  # national
    assert "hoger dan in de rest van het land" in page
    assert "gestegen sinds de vorige meting" in page
    assert "50%" in page  # the last wave's district figure


def test_suppressed_district_shows_a_dash_and_the_reason_never_zero(client):
    w = wave()
    store(w, analysis(districts={"oost": None}))
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    page = _text(client.get(reverse("dashboards:district", args=["oost"])))
    row = re.search(
        r"<th scope=\"row\">Ervaart de menselijke maat \(zeer\) sterk</th>(.*?)</tr>", page
    ).group(1)
    assert "<td>–</td>" in row
    assert "minder dan 10 respondenten" in row
    assert "0%" not in row


def test_chart_spec_is_passed_as_json_data_and_a_table_is_always_there(client):
    w = wave()
    store(w, analysis(districts={"oost": 0.62}))
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    response = client.get(reverse("dashboards:district", args=["oost"]))
    html = response.content.decode()
    spec = json.loads(
        re.search(
            r'<script id="spec-dimensions" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert '"value": 0.62' in json.dumps(spec)  # the district's headline is in the chart data
    assert "<table>" in html
    # no inline executable script: every <script> is external or JSON data
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="' in tag or 'type="application/json"' in tag
    assert (
        "'unsafe-inline'"
        not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_topics_from_stories_beside_signals_only_for_groups_of_ten(client, monkeypatch):
    w = wave()
    store(w, analysis(districts={"oost": 0.62}))
    summary = {
        "topics": [
            {
                "topic": "bereikbaarheid",
                "label": "Bereikbaarheid",
                "count": 40,
                "share": 0.25,
                "quotes": ["Ik kon niemand bereiken [NAAM] hielp niet", "Bel 0612345678 terug"],
            },
            {
                "topic": "bejegening",
                "label": "Bejegening",
                "count": 7,
                "share": 0.04,
                "quotes": ["te klein"],
            },
        ]
    }
    monkeypatch.setattr(figures, "stories_summary", lambda wave, district: summary)
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    page = _text(client.get(reverse("dashboards:district", args=["oost"])))
    assert "Bereikbaarheid" in page
    assert "25%" in page
    assert "Ik kon niemand bereiken" in page
    assert "0612345678" not in page  # a quote with personal data is dropped
    assert "Bejegening" not in page
    assert "te klein" not in page


def test_next_wave_dashboard_shows_linked_initiative_before_and_after(client):
    before, now = wave("2026-1", 1), wave("2026-2", 2)
    store(before, analysis("2026-1", districts={"oost": 0.45}))
    store(now, analysis("2026-2", districts={"oost": 0.62}))
    Initiative.objects.create(
        title="Terugbelbelofte",
        wave=before,
        district="oost",
        dimension="mens",
        owner="Team WW",
        planned_actions="Bellen",
    )
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost"]))
    page = _text(client.get(reverse("dashboards:district", args=["oost"]), {"meting": now.pk}))
    section = page.split("Verbeterinitiatieven van de vorige meting")[1]
    assert "Terugbelbelofte" in section
    assert "45%" in section
    assert "62%" in section
    assert "gestegen" in section
    assert "35%" in section
    assert "52%" in section


def test_national_overview_compares_districts_with_adjusted_tests(client):
    w = wave()
    store(
        w,
        analysis(
            districts={"oost": 0.66, "noord": 0.50, "limburg": None},
            tests=[
                vs_rest("headline", "oost", 0.09, 0.01),
                vs_rest("headline", "noord", -0.07, 0.2),
            ],
        ),
    )
    client.force_login(user_in(Role.RESEARCHER))
    page = _text(client.get(reverse("dashboards:national")))
    oost = re.search(r">Oost</a></th>(.*?)</tr>", page).group(1)
    noord = re.search(r">Noord</a></th>(.*?)</tr>", page).group(1)
    limburg = re.search(r">Limburg</a></th>(.*?)</tr>", page).group(1)
    assert "0,010" in oost or "0.010" in oost
    assert "hoger dan in de rest" in oost
    assert "geen duidelijk verschil" in noord  # p small, but q = 0.2 after adjustment
    assert "<td>–</td>" in limburg
    assert "minder dan 10" in limburg


def test_independent_change_is_plain_language():
    from tests.factories_loop import est

    assert figures.independent_change(est("headline", 0.45), est("headline", 0.62)) == "gestegen"
    assert (
        figures.independent_change(est("headline", 0.60), est("headline", 0.62))
        == "geen duidelijke verandering"
    )
    assert (
        figures.independent_change(est("headline", None), est("headline", 0.62))
        == "niet te vergelijken"
    )
