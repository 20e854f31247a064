"""The respondent's questionnaire: code entry, one page per topic, pause, resume and submit.

Everything works without JavaScript. The personal code in the URL is the only identifier; the
pages carry no name or other personal data and are neither cached nor sent on as a referrer.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maatmonitor.apps.accounts.permissions import PUBLIC, requires

from . import code_entry as typed_code
from . import codes, security, services
from .constants import ResponseStatus
from .forms import CodeForm, build_fields, clean_page
from .models import Response, SampleUnit
from .queries import questionnaire_for, unit_by_personal_code, wave_state

T = "fieldwork/respondent/"


def private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """No caching, no referrer to other sites (the URL holds the code), no indexing.

    Not `no-referrer`: browsers then send `Origin: null` with form posts and CSRF refuses them.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _lang(request: HttpRequest) -> str:
    return "en" if getattr(request, "LANGUAGE_CODE", "nl") == "en" else "nl"


def _locked(request: HttpRequest, lock: security.Lockout) -> HttpResponse:
    return typed_code.locked(request, lock, T + "locked.html")


@requires(PUBLIC)
@private
@require_http_methods(["GET", "POST"])
def code_entry(request: HttpRequest) -> HttpResponse:
    """Type the code from the letter (or paste the personal code from the e-mail)."""
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        result = typed_code.attempt(
            request,
            form,
            _(
                "Deze code kennen wij niet. Kijk nog eens in de brief of de e-mail. "
                "Let op: na een aantal foute pogingen moet u even wachten."
            ),
        )
        if result.lock:
            return _locked(request, result.lock)
        if result.unit is not None:
            return redirect("respondent:resume", code=codes.unit_codes(result.unit).personal)
        error = result.error
    status = 400 if error else 200
    return render(request, T + "code.html", {"form": form, "error": error}, status=status)


def _unit_or_page(request: HttpRequest, code: str) -> SampleUnit | HttpResponse:
    """The unit of a personal code in the URL, or the page to show instead (unknown, locked,
    not yet open, closed, opted out)."""
    ip, prefix = security.client_ip(request), security.code_prefix(code)
    lock = security.lockout(ip, prefix)
    if lock:
        return _locked(request, lock)
    unit = unit_by_personal_code(code)
    if unit is None:
        security.record_failure(ip, prefix)
        return render(request, T + "unknown.html", status=404)
    if unit.opted_out_at is not None:
        return render(request, T + "opted_out.html", {"unit": unit})
    state = wave_state(unit.wave)
    if state != "open":
        completed = Response.objects.filter(unit=unit, status=ResponseStatus.COMPLETED).exists()
        return render(request, T + "closed.html", {"state": state, "completed": completed})
    return unit


@requires(PUBLIC)
@private
@require_http_methods(["GET"])
def resume(request: HttpRequest, code: str) -> HttpResponse:
    """Continue exactly where the respondent left (or at the start)."""
    unit = _unit_or_page(request, code)
    if isinstance(unit, HttpResponse):
        return unit
    if Response.objects.filter(unit=unit, status=ResponseStatus.COMPLETED).exists():
        return redirect("respondent:done", code=code)
    return redirect("respondent:page", code=code, page=services.resume(unit))


@requires(PUBLIC)
@private
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, code: str, page: str) -> HttpResponse:
    """One topic of the questionnaire: show it, or save it and go on, pause or submit."""
    unit = _unit_or_page(request, code)
    if isinstance(unit, HttpResponse):
        return unit
    response = Response.objects.filter(unit=unit).first()
    if response is not None and response.status == ResponseStatus.COMPLETED:
        return redirect("respondent:done", code=code)
    questionnaire = questionnaire_for(unit.wave)
    answers = response.answers if response else {}
    position = services.position_of(questionnaire, unit, answers, page)
    if position is None:  # not (or no longer) on this respondent's route
        return redirect("respondent:resume", code=code)
    questions = dict(services.routed_pages(questionnaire, unit, answers))
    page_obj = next(p for p in questions if p.id == page)
    page_questions = questions[page_obj]
    lang = _lang(request)
    posted = errors = None
    if request.method == "POST":
        action = request.POST.get("action", "next")
        cleaned, errors = clean_page(
            questionnaire, page_questions, request.POST, strict=action != "later"
        )
        if action == "later":
            services.save_page(unit, page, cleaned, move_on=False, language=lang)
            return redirect("respondent:paused", code=code)
        if not errors:
            _, next_page = services.save_page(unit, page, cleaned, move_on=True, language=lang)
            if next_page is not None:
                return redirect("respondent:page", code=code, page=next_page)
            services.submit(unit, request.POST.get("token", ""))
            return redirect("respondent:done", code=code)
        posted = {q.id: request.POST.get(q.id, "") for q in page_questions}
    fields = build_fields(questionnaire, page_questions, lang, answers, unit, posted, errors)
    previous = position.previous
    context = {
        "code": code,
        "page": page_obj,
        "title": page_obj.title.get(lang),
        "intro": page_obj.intro.get(lang) if page_obj.intro else "",
        "fields": fields,
        "errors": [f for f in fields if f.error],
        "step": position.index + 1,
        "steps": len(position.pages),
        "is_last": position.is_last,
        "back_url": reverse("respondent:page", args=[code, previous]) if previous else "",
        "token": secrets.token_urlsafe(24),
        "survey_title": questionnaire.title.get(lang),
    }
    return render(request, T + "page.html", context)


@requires(PUBLIC)
@private
@require_http_methods(["GET"])
def paused(request: HttpRequest, code: str) -> HttpResponse:
    """Answers saved: how to come back."""
    unit = _unit_or_page(request, code)
    if isinstance(unit, HttpResponse):
        return unit
    resume_url = request.build_absolute_uri(reverse("respondent:resume", args=[code]))
    return render(request, T + "paused.html", {"code": code, "resume_url": resume_url})


@requires(PUBLIC)
@private
@require_http_methods(["GET"])
def done(request: HttpRequest, code: str) -> HttpResponse:
    """Thank you; also what a replayed or double submit ends on."""
    unit = _unit_or_page(request, code)
    if isinstance(unit, HttpResponse):
        return unit
    if not Response.objects.filter(unit=unit, status=ResponseStatus.COMPLETED).exists():
        return redirect("respondent:resume", code=code)
    return render(request, T + "done.html", {"code": code})
