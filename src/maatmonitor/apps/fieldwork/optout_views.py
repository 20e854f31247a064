"""Opting out (afmelden): from the link in every e-mail, or by typing the letter code.

A GET never opts out (mail scanners and link previews follow links); the page asks to confirm
and the POST does it, at once. Wrong codes count towards the same lockout as the questionnaire.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maatmonitor.apps.accounts.permissions import PUBLIC, requires

from . import code_entry as typed_code
from . import codes, outreach, security
from .forms import CodeForm
from .queries import unit_by_personal_code

T = "fieldwork/optout/"


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _locked(request: HttpRequest, lock: security.Lockout) -> HttpResponse:
    return _private(typed_code.locked(request, lock, T + "locked.html"))


@requires(PUBLIC)
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest) -> HttpResponse:
    """Type the code from the letter to opt out."""
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        result = typed_code.attempt(
            request, form, _("Deze code kennen wij niet. Kijk nog eens in de brief of de e-mail.")
        )
        if result.lock:
            return _locked(request, result.lock)
        if result.unit is not None:
            return redirect("optout:confirm", code=codes.unit_codes(result.unit).personal)
        error = result.error
    response = render(
        request, T + "entry.html", {"form": form, "error": error}, status=400 if error else 200
    )
    return _private(response)


@requires(PUBLIC)
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Ask to confirm (GET); opt out at once (POST)."""
    ip, prefix = security.client_ip(request), security.code_prefix(code)
    lock = security.lockout(ip, prefix)
    if lock:
        return _locked(request, lock)
    unit = unit_by_personal_code(code)
    if unit is None:
        security.record_failure(ip, prefix)
        return _private(render(request, T + "unknown.html", status=404))
    if request.method == "POST" or unit.opted_out_at is not None:
        if unit.opted_out_at is None:
            outreach.opt_out(unit)
        return _private(render(request, T + "done.html"))
    return _private(render(request, T + "confirm.html", {"code": code}))
