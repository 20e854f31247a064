"""Typing a code (letter code or personal code) on a public page, with the shared lockout.

The questionnaire and the opt-out page both let someone type the code from a letter; wrong codes
count towards one lockout per IP address and per code prefix (security.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import codes, security
from .forms import CodeForm
from .models import SampleUnit
from .queries import unit_by_letter_code, unit_by_personal_code


@dataclass(frozen=True)
class CodeAttempt:
    """The unit the typed code belongs to, or why not (``error``), or the lockout in force."""

    unit: SampleUnit | None = None
    error: str = ""
    lock: security.Lockout | None = None


def attempt(request: HttpRequest, form: CodeForm, unknown: str) -> CodeAttempt:
    """Look up the code typed in ``form``; a code that matches no unit counts as a failure."""
    typed = request.POST.get("code", "")
    ip, prefix = security.client_ip(request), security.code_prefix(typed)
    lock = security.lockout(ip, prefix)
    if lock:
        return CodeAttempt(lock=lock)
    if not form.is_valid() or not typed.strip():
        return CodeAttempt(error=_("Vul de code uit de brief in."))
    if codes.looks_like_personal_code(typed):
        unit = unit_by_personal_code(typed)
    else:
        try:
            unit = unit_by_letter_code(codes.normalise_letter_code(typed))
        except codes.CodeFormatError as exc:
            return CodeAttempt(error=str(exc))
    if unit is None:
        security.record_failure(ip, prefix)
        return CodeAttempt(error=unknown)
    return CodeAttempt(unit=unit)


def locked(request: HttpRequest, lock: security.Lockout, template: str) -> HttpResponse:
    """The friendly 429 page with Retry-After."""
    minutes = max(1, lock.retry_after // 60)
    response = render(request, template, {"minutes": minutes}, status=429)
    response["Retry-After"] = str(lock.retry_after)
    return response
