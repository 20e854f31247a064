"""The dashboards' Content-Security-Policy: the project's strict policy plus 'unsafe-eval' for
scripts, because Vega compiles chart expressions with ``new Function``. The CSP-safe
interpreter (vega-interpreter) ships only as an ES module with bare imports, which a browser
cannot load without an inline import map. No inline script is needed either way: specs arrive
through ``json_script`` and the drawing code is a static file."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

STRICT = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
}


def with_chart_policy(response: HttpResponse) -> HttpResponse:
    policy = dict(getattr(settings, "CONTENT_SECURITY_POLICY", None) or STRICT)
    policy["script-src"] = f"{policy.get('script-src', STRICT['script-src'])} 'unsafe-eval'"
    response.headers["Content-Security-Policy"] = "; ".join(f"{k} {v}" for k, v in policy.items())
    return response
