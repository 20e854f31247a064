"""The section links under the header list only what the signed-in role may open."""

import re

from django.urls import reverse


def _links(client, user) -> set[str]:
    client.force_login(user)
    html = client.get(reverse("accounts:start"), follow=True).content.decode()
    nav = re.search(r'<nav class="staff-nav".*?</nav>', html, re.S)
    assert nav, "signed-in pages show the section links"
    return set(re.findall(r'href="([^"]+)"', nav.group(0)))


def test_researcher_sees_fieldwork_stories_and_questionnaires(client, researcher):
    links = _links(client, researcher)
    assert reverse("fieldwork_staff:wave_list") in links
    assert reverse("stories:wave_list") in links
    assert reverse("instruments:version_list") in links
    assert reverse("followup:signal_list") not in links


def test_liaison_officer_sees_only_dashboard_and_initiatives(client, liaison_officer):
    links = _links(client, liaison_officer)
    assert links == {reverse("dashboards:index"), reverse("followup:initiative_list")}


def test_council_member_sees_signals_and_questionnaires(client, council_member):
    links = _links(client, council_member)
    assert links == {reverse("followup:signal_list"), reverse("instruments:version_list")}


def test_anonymous_pages_have_no_section_links(client):
    html = client.get(reverse("login")).content.decode()
    assert "staff-nav" not in html
