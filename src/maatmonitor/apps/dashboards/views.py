"""The district dashboard (liaison officers, researchers) and the national overview."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from maatmonitor.apps.accounts.constants import DISTRICT_CHOICES, DISTRICT_NAMES
from maatmonitor.apps.accounts.permissions import requires
from maatmonitor.apps.accounts.queries import districts_for, sees_all_districts

from . import figures, queries
from .csp import with_chart_policy


@requires("accounts.view_district_dashboard")
def index(request: HttpRequest) -> HttpResponse:
    """Pick a district; a liaison officer with one district goes straight to it."""
    mine = districts_for(request.user)
    national = request.user.has_perm("accounts.view_national_dashboard")
    if len(mine) == 1 and not national:
        return redirect("dashboards:district", district=next(iter(mine)))
    return render(
        request,
        "dashboards/index.html",
        {"districts": [c for c in DISTRICT_CHOICES if c[0] in mine], "national": national},
    )


def _wave_context(request: HttpRequest):
    wave = queries.chosen_wave(request.GET.get("meting"))
    analysis = None if wave is None else figures.latest_analysis(wave)
    previous = None if wave is None else queries.previous_wave(wave)
    previous_analysis = None if previous is None else figures.latest_analysis(previous)
    return wave, analysis, previous, previous_analysis


@requires("accounts.view_district_dashboard")
def district(request: HttpRequest, district: str) -> HttpResponse:
    if district not in DISTRICT_NAMES:
        raise Http404
    if district not in districts_for(request.user):
        raise PermissionDenied
    wave, analysis, previous, previous_analysis = _wave_context(request)
    context = {
        "district": district,
        "district_name": DISTRICT_NAMES[district],
        "wave": wave,
        "waves": queries.dashboard_waves(),
        "analysis": analysis,
        "previous": previous,
        "can_switch": sees_all_districts(request.user) or len(districts_for(request.user)) > 1,
    }
    if wave is not None:
        context["response"] = figures.response_figures(wave, district)
    if analysis is not None:
        rows = figures.district_rows(analysis, district, previous_analysis)
        context["rows"] = rows
        context["dimension_spec"] = figures.dimension_chart(rows)
        from maatmonitor.apps.followup.models import Signal
        from maatmonitor.apps.followup.queries import topic_counts

        signal_topics = topic_counts(Signal.objects.filter(district=district))
        context["topics"] = figures.topic_rows(
            figures.stories_summary(wave, district), signal_topics
        )
        context["initiatives"] = _linked_initiatives(previous, district)
    return with_chart_policy(render(request, "dashboards/district.html", context))


def _linked_initiatives(previous, district: str):
    """Initiatives registered on the previous wave's findings, with their before/after figures."""
    if previous is None:
        return []
    from maatmonitor.apps.followup.models import Initiative

    linked = Initiative.objects.filter(wave=previous, district=district).select_related("wave")
    return [(i, figures.before_after(i)) for i in linked]


@requires("accounts.view_national_dashboard")
def national(request: HttpRequest) -> HttpResponse:
    """National figures and every district against the rest (Benjamini-Hochberg adjusted)."""
    wave, analysis, _previous, previous_analysis = _wave_context(request)
    context = {"wave": wave, "waves": queries.dashboard_waves(), "analysis": analysis}
    if wave is not None:
        context["response"] = figures.response_figures(wave, None)
    if analysis is not None:
        context["rows"] = [
            (
                label,
                analysis.find(var),
                None if previous_analysis is None else previous_analysis.find(var),
            )
            for var, label in figures.measures(analysis)
        ]
        context["national_rows"] = [
            {
                "label": label,
                "value": figures.shown(now),
                "interval": "–" if now is None else figures.fmt.interval(now, figures.lang()),
                "reason": figures.hidden_reason(now),
                "previous": figures.shown(before),
            }
            for label, now, before in context["rows"]
        ]
        comparison = figures.district_comparison(analysis)
        context["comparison"] = comparison
        context["comparison_spec"] = figures.comparison_chart(comparison, analysis.headline)
    return with_chart_policy(render(request, "dashboards/national.html", context))
