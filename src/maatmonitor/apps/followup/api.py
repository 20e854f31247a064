"""JSON API for signals and initiatives (session authentication, CSRF token on writes).

Documented in docs/followup-api.md. Every endpoint declares its permission with ``requires`` and
reads through the same scoped queries as the pages, so a handler sees only their districts.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maatmonitor.apps.accounts.permissions import requires

from . import queries, services
from .forms import SignalIntakeForm
from .models import Signal


def signal_as_dict(s: Signal, *, with_contact: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": s.pk,
        "reference": s.reference,
        "status": s.status,
        "audience": s.audience,
        "journey": s.journey or None,
        "district": s.district,
        "source": s.source,
        "description": s.description,
        "topics": s.topics,
        "team": s.team or None,
        "received_at": s.received_at.isoformat(),
        "due": {
            "acknowledge": s.acknowledge_due.isoformat(),
            "assess": s.assess_due.isoformat(),
            "resolve": s.resolve_due.isoformat(),
        },
        "consent_contact": s.consent_contact,
        "events": [
            {
                "step": e.step,
                "from": e.from_status or None,
                "to": e.to_status,
                "by": e.by_name or None,
                "at": e.at.isoformat(),
                "note": e.note,
            }
            for e in s.events.all()
        ],
    }
    if with_contact and s.consent_contact and s.contact_removed_at is None:
        data["contact"] = {
            "name": s.contact_name,
            "email": s.contact_email,
            "phone": s.contact_phone,
        }
    return data


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"ongeldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})"
        ) from exc
    if not isinstance(data, dict):
        raise ValueError("verwacht een JSON-object")
    return data


def _error(message: str | dict[str, Any], status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@requires("followup.view_signal", "followup.add_signal")
@require_http_methods(["GET", "POST"])
def signals(request: HttpRequest) -> JsonResponse:
    """GET: signals the user may see (``?status=``, ``?district=``). POST: register one."""
    if request.method == "GET":
        if not request.user.has_perm("followup.view_signal"):
            raise PermissionDenied
        qs = queries.signals_for(request.user).prefetch_related("events")
        for key in ("status", "district"):
            if value := request.GET.get(key):
                qs = qs.filter(**{key: value})
        return JsonResponse({"results": [signal_as_dict(s) for s in qs[:500]]})
    if not request.user.has_perm("followup.add_signal"):
        raise PermissionDenied
    try:
        data = _body(request)
    except ValueError as exc:
        return _error(str(exc))
    form = SignalIntakeForm(data)
    if not form.is_valid():
        return _error({k: [str(m) for m in v] for k, v in form.errors.items()})
    signal = services.create_signal(by=request.user, **form.cleaned_data)
    return JsonResponse(signal_as_dict(signal), status=201)


@requires("followup.view_signal")
@require_GET
def signal_detail(request: HttpRequest, pk: int) -> JsonResponse:
    try:
        signal = queries.signals_for(request.user).get(pk=pk)
    except Signal.DoesNotExist:
        return _error("signaal niet gevonden", 404)
    return JsonResponse(
        signal_as_dict(signal, with_contact=request.user.has_perm("followup.change_signal"))
    )


@requires("followup.change_signal")
@require_POST
def signal_step(request: HttpRequest, pk: int) -> JsonResponse:
    """Body: {"step": "acknowledge|assess|resolve|close|reopen", "note": "...", "team": "..."}."""
    try:
        signal = queries.signals_for(request.user).get(pk=pk)
    except Signal.DoesNotExist:
        return _error("signaal niet gevonden", 404)
    try:
        data = _body(request)
        signal = services.transition(
            signal,
            str(data.get("step", "")),
            request.user,
            note=str(data.get("note", "")),
            team=str(data.get("team", "")),
        )
    except ValueError as exc:
        return _error(str(exc))
    except services.TransitionRefused as exc:
        return _error(str(exc), 409)
    except ValidationError as exc:
        return _error(" ".join(exc.messages))
    return JsonResponse(signal_as_dict(signal))


@requires("followup.view_initiative")
@require_GET
def initiatives(request: HttpRequest) -> JsonResponse:
    qs = queries.initiatives_for(request.user)
    for key in ("district", "status", "dimension", "wave"):
        if value := request.GET.get(key):
            qs = qs.filter(**{key: value})
    return JsonResponse(
        {"results": [{"id": i.pk, **queries.initiative_as_dict(i)} for i in qs[:500]]}
    )
