"""Read-only results: the current analysis of a wave, disclosure rules already applied.

Researchers see every domain figure; liaison officers the national figures and the domain
figures of their own districts only (a domain figure of another district, or one not split by
district, is left out).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maatmonitor.apps.accounts.queries import districts_for, sees_all_districts
from maatmonitor.apps.results.models import AnalysisRun
from maatmonitor.apps.results.queries import latest_analysis
from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.stats.wave_result import WaveAnalysis

from .permissions import RolePermission, declare
from .serializers_results import (
    AnalysedWaveSerializer,
    WaveResultSerializer,
    estimate_as_dict,
)

RESULTS_PERMISSIONS = {
    "GET": ("accounts.view_district_dashboard", "accounts.view_national_dashboard"),
}


def visible_result(analysis: WaveAnalysis, user) -> dict[str, Any]:
    """The figures of ``analysis`` this user may see, as plain data."""
    everything = sees_all_districts(user)
    allowed = districts_for(user)

    def visible(domain) -> bool:
        if everything:
            return True
        districts = [v for k, v in domain if k == "district"]
        return bool(districts) and all(d in allowed for d in districts)

    return {
        "wave": analysis.wave,
        "audience": analysis.audience,
        "previous_wave": analysis.previous_wave,
        "n_respondents": analysis.n_respondents,
        "districts": sorted(allowed),
        "headline": estimate_as_dict(analysis.headline),
        "dimensions": [
            {
                "dimension": d.dimension,
                "score": estimate_as_dict(d.score),
                "agree": estimate_as_dict(d.agree),
            }
            for d in analysis.dimensions
        ],
        "satisfaction": estimate_as_dict(analysis.satisfaction),
        "satisfied": estimate_as_dict(analysis.satisfied),
        "domains": [estimate_as_dict(e) for e in analysis.domains if visible(e.domain)],
    }


class AnalysedWaveList(APIView):
    """Waves that have a stored analysis (newest first)."""

    permission_classes = [RolePermission]
    method_permissions = RESULTS_PERMISSIONS
    required_permission = declare(RESULTS_PERMISSIONS)

    @extend_schema(responses=AnalysedWaveSerializer(many=True), operation_id="results_list")
    def get(self, request: Request) -> Response:
        latest: dict[int, Any] = {}
        for run in AnalysisRun.objects.select_related("wave").order_by("-created_at", "-id"):
            latest.setdefault(run.wave_id, run)
        rows = [
            {"wave": r.wave.code, "audience": r.wave.audience, "analysed_at": r.created_at}
            for r in latest.values()
        ]
        return Response(AnalysedWaveSerializer(rows, many=True).data)


class WaveResult(APIView):
    """Headline, dimensions, satisfaction and domain figures of one wave's current analysis."""

    permission_classes = [RolePermission]
    method_permissions = RESULTS_PERMISSIONS
    required_permission = declare(RESULTS_PERMISSIONS)

    @extend_schema(responses=WaveResultSerializer, operation_id="results_retrieve")
    def get(self, request: Request, audience: str, wave: str) -> Response:
        found = Wave.objects.filter(audience=audience, code=wave).first()
        analysis = None if found is None else latest_analysis(found)
        if analysis is None:
            raise Http404(_("Deze meting heeft (nog) geen analyse."))
        return Response(WaveResultSerializer(visible_result(analysis, request.user)).data)
