"""Second login step (TOTP) and its setup, and the audit log for administrators."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import queries
from .constants import AuditAction
from .permissions import AUTHENTICATED, requires


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


@requires(AUTHENTICATED, otp=False)
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask the code of the authenticator app after the password step."""
    error = None
    if request.method == "POST":
        device = match_token(request.user, request.POST.get("token", "").strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        error = _("Deze code klopt niet of is verlopen. Probeer de nieuwste code uit uw app.")
    return render(
        request, "accounts/otp_verify.html", {"error": error, "next": _safe_next(request)}
    )


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@requires("accounts.manage_own_totp")
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up a TOTP device: scan the QR code, confirm with one code."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if confirmed:
        return render(request, "accounts/otp_setup.html", {"confirmed": True})
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    error = None
    if request.method == "POST":
        if device.verify_token(request.POST.get("token", "").strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("De tweede inlogstap staat aan."))
            return redirect("accounts:otp_setup")
        error = _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw.")
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "confirmed": confirmed,
            "qr": None if confirmed else mark_safe(_qr_svg(device.config_url)),
            "error": error,
        },
    )


@requires("accounts.view_auditevent")
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who viewed or exported what, newest first, filterable by action."""
    events = queries.audit_events(request.user).select_related(None)
    action = request.GET.get("handeling", "")
    if action in AuditAction.values:
        events = events.filter(action=action)
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "accounts/audit_log.html",
        {"page": page, "actions": AuditAction.choices, "action": action},
    )


# Where each role starts after logging in, first match wins (permission -> URL name).
START_PAGES = (
    ("accounts.view_district_dashboard", "dashboards:index"),
    ("followup.change_signal", "followup:signal_list"),
    ("followup.view_signal", "followup:signal_list"),
    ("accounts.view_auditevent", "accounts:audit_log"),
)


@requires(AUTHENTICATED)
def start(request: HttpRequest) -> HttpResponse:
    """Send a signed-in user to the first page of their role."""
    for permission, name in START_PAGES:
        if request.user.has_perm(permission):
            return redirect(name)
    return redirect("home")
