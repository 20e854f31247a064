"""Response figures per district (small counts hidden) and the researcher's district index."""

import pytest
from django.urls import reverse
from django.utils import timezone

from maatmonitor.apps.accounts.constants import Role
from maatmonitor.apps.dashboards.figures import response_figures
from maatmonitor.apps.fieldwork.models import Response, SampleUnit
from maatmonitor.apps.fieldwork.services import create_sample_units
from tests.factories_fieldwork import fielding_wave, sample_frame
from tests.factories_loop import user_in

pytestmark = pytest.mark.django_db


def _complete(units):
    Response.objects.bulk_create(
        Response(unit=u, status="completed", started_at=timezone.now(), completed_at=timezone.now())
        for u in units
    )


def test_response_rate_per_district_and_small_counts_hidden():
    wave = fielding_wave()
    create_sample_units(wave, sample_frame("client", 90))  # 30 units each in noord, oost, brabant
    oost = list(SampleUnit.objects.filter(wave=wave, district="oost"))
    noord = list(SampleUnit.objects.filter(wave=wave, district="noord"))
    _complete(oost[:12])
    _complete(noord[:4])
    figures_oost = response_figures(wave, "oost")
    assert (figures_oost.sampled, figures_oost.completed) == (30, 12)
    assert figures_oost.rate_text == "40%"
    figures_noord = response_figures(wave, "noord")
    assert figures_noord.completed is None
    assert figures_noord.rate_text == "–"
    assert response_figures(wave, None).sampled == 90
    assert response_figures(wave, "limburg") is None


def test_researcher_sees_every_district_and_the_national_link(client):
    client.force_login(user_in(Role.RESEARCHER))
    page = client.get(reverse("dashboards:index")).content.decode()
    main = page.split('<main id="main"', 1)[1]  # the section links above also point here
    assert main.count('href="/dashboard/') == 12  # 11 districts + the national overview
    assert client.get(reverse("dashboards:district", args=["limburg"])).status_code == 200


def test_officer_with_two_districts_chooses(client):
    client.force_login(user_in(Role.LIAISON_OFFICER, ["oost", "noord"]))
    page = client.get(reverse("dashboards:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "/dashboard/oost/" in text
    assert "/dashboard/noord/" in text
    assert "/dashboard/brabant/" not in text
    assert "/dashboard/landelijk/" not in text
