"""Security of the respondent pages: lockout after repeated wrong codes, and a strict
Content-Security-Policy (Django 5.2 has none built in).

Rate limiting counts wrong codes in Django's cache per client IP and per code prefix (the first
group of a letter code, or the first characters of a personal code), so neither one machine nor
many machines guessing around one code get far. Production needs a cache shared by all workers
(e.g. the database cache); the default local-memory cache counts per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

DEFAULT_LIMITS = {"ip": 10, "prefix": 5}
DEFAULT_WINDOW = 15 * 60  # seconds a lockout lasts after the first failure counted
PREFIX_LENGTH = 4

DEFAULT_CSP = {
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


@dataclass(frozen=True)
class Lockout:
    """Which counter is full and for how many more seconds (about) the lockout lasts."""

    scope: str
    retry_after: int


def _limits() -> dict[str, int]:
    return {**DEFAULT_LIMITS, **getattr(settings, "FIELDWORK_CODE_LIMITS", {})}


def _window() -> int:
    return int(getattr(settings, "FIELDWORK_CODE_WINDOW", DEFAULT_WINDOW))


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind reverse proxies set FIELDWORK_TRUSTED_PROXIES to their number:
    the address is then taken that many entries from the right of X-Forwarded-For (entries
    further left are whatever the client sent and are not trusted). Without it, every respondent
    behind one proxy would share one lockout counter."""
    proxies = int(getattr(settings, "FIELDWORK_TRUSTED_PROXIES", 0))
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def code_prefix(typed: str) -> str:
    """The part of a typed code that identifies the family of guesses (no separators, upper)."""
    cleaned = "".join(c for c in typed.upper() if c.isalnum())
    return cleaned[:PREFIX_LENGTH]


def _key(scope: str, value: str) -> str:
    # Keys hold a hash, so the cache never holds an IP address or part of a code in clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{scope}|{value}".encode()).hexdigest()[:32]
    return f"fieldwork:codes:{scope}:{digest}"


def _counters(ip: str, prefix: str) -> list[tuple[str, str]]:
    result = [("ip", _key("ip", ip))]
    if prefix:
        result.append(("prefix", _key("prefix", prefix)))
    return result


def lockout(ip: str, prefix: str) -> Lockout | None:
    """The lockout in force for this IP or prefix, if any."""
    limits = _limits()
    for scope, key in _counters(ip, prefix):
        if int(cache.get(key, 0)) >= limits[scope]:
            return Lockout(scope, _window())
    return None


def record_failure(ip: str, prefix: str) -> None:
    """Count one wrong code against the IP and the prefix."""
    for _scope, key in _counters(ip, prefix):
        if not cache.add(key, 1, timeout=_window()):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=_window())


def policy_header(policy: dict[str, str]) -> str:
    return "; ".join(f"{k} {v}" for k, v in policy.items())


def csp_extend(
    **directives: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Loosen the policy for one view only, e.g. `@csp_extend(script_src="'self' 'unsafe-eval'")`
    for a chart library that compiles expressions; every other directive stays strict."""
    extra = {k.replace("_", "-"): v for k, v in directives.items()}

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            base = getattr(settings, "CONTENT_SECURITY_POLICY", None) or DEFAULT_CSP
            response.headers["Content-Security-Policy"] = policy_header({**base, **extra})
            return response

        return wrapped

    return decorate


class ContentSecurityPolicyMiddleware:
    """Adds a strict Content-Security-Policy (no inline scripts or styles) to every response.

    Override the whole policy with settings.CONTENT_SECURITY_POLICY (a directive -> sources
    dict); a view may set its own header (see csp_extend), which is then left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or DEFAULT_CSP
        self.header = policy_header(policy)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.header)
        return response
