"""Reports, slide deck and data exports of a wave, built only from the analysis' result objects.

Entry point: :func:`maatmonitor.core.reporting.build.write_outputs`. Charts are Vega-Lite specs
(:func:`maatmonitor.core.reporting.charts.chart_spec`) shared with the web dashboard. Texts come
from the catalogue in :mod:`maatmonitor.core.reporting.texts` (Dutch default, English).
"""
