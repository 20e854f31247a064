"""Shapes of the results endpoints. Every figure is an estimate under the disclosure rules:
a suppressed one carries ``suppressed: true`` and its reason, and null for every number."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from maatmonitor.core.stats.results import REASONS, Estimate


def estimate_as_dict(e: Estimate) -> dict[str, Any]:
    """One uniform shape whether or not the figure is shown; hidden numbers are null, never 0."""
    return {
        "measure": e.measure,
        "variable": e.variable,
        "domain": dict(e.domain),
        "suppressed": e.suppressed,
        "reason": e.reason if e.suppressed else None,
        "reason_text": REASONS[e.reason].format(min_n=e.min_n)
        if e.suppressed and e.reason
        else None,
        "value": e.value,
        "ci_low": e.ci_low,
        "ci_high": e.ci_high,
        "level": e.level,
        "n": e.n,
    }


class EstimateSerializer(serializers.Serializer):
    measure = serializers.CharField()
    variable = serializers.CharField()
    domain = serializers.DictField(child=serializers.CharField())
    suppressed = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True)
    reason_text = serializers.CharField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    level = serializers.FloatField()
    n = serializers.IntegerField(allow_null=True)


class DimensionSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    score = EstimateSerializer()
    agree = EstimateSerializer()


class WaveResultSerializer(serializers.Serializer):
    wave = serializers.CharField()
    audience = serializers.CharField()
    previous_wave = serializers.CharField(allow_null=True)
    n_respondents = serializers.IntegerField()
    districts = serializers.ListField(
        child=serializers.CharField(),
        help_text="The districts whose domain figures this user may see.",
    )
    headline = EstimateSerializer()
    dimensions = DimensionSerializer(many=True)
    satisfaction = EstimateSerializer()
    satisfied = EstimateSerializer()
    domains = EstimateSerializer(many=True)


class AnalysedWaveSerializer(serializers.Serializer):
    wave = serializers.CharField()
    audience = serializers.CharField()
    analysed_at = serializers.DateTimeField()
