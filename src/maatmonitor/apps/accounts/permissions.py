"""One way to declare who may use a view: ``@requires(...)``.

Every view of the project is wrapped with ``requires``; it records what it requires on the view
(``view.required_permission``) so a test can walk every URL pattern and check that each declares
a permission, and then check every (role x endpoint) cell. ``PUBLIC`` is for the respondent pages
and the signal intake form; ``AUTHENTICATED`` for pages any signed-in user may open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

PUBLIC = "public"
AUTHENTICATED = "authenticated"

View = Callable[..., HttpResponse]


def needs_second_factor(user) -> bool:
    """True when the user set up TOTP but this session has not passed it yet."""
    from django_otp import user_has_device

    verified = getattr(user, "is_verified", None)
    return bool(user_has_device(user, confirmed=True)) and not (verified and verified())


def check(request: HttpRequest, permissions: tuple[str, ...]) -> None:
    """Raise PermissionDenied unless the signed-in user holds one of ``permissions``."""
    if AUTHENTICATED in permissions:
        return
    if not any(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def requires(*permissions: str, otp: bool = True) -> Callable[[View], View]:
    """Allow the view to users holding any of ``permissions`` ("app_label.codename").

    Anonymous users go to the login page; users with a TOTP device who have not yet passed it go
    to the second step (unless ``otp=False``, used by that step itself); others get 403.
    """
    if not permissions:
        raise ValueError("requires() needs at least one permission, PUBLIC or AUTHENTICATED")

    def decorate(view: View) -> View:
        if PUBLIC in permissions:

            @wraps(view)
            def public_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                return view(request, *args, **kwargs)

            public_view.required_permission = permissions  # type: ignore[attr-defined]
            return public_view

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if otp and needs_second_factor(request.user):
                return redirect(f"{reverse('accounts:otp_verify')}?next={request.get_full_path()}")
            check(request, permissions)
            return view(request, *args, **kwargs)

        guarded.required_permission = permissions  # type: ignore[attr-defined]
        return guarded

    return decorate


def declared_permission(callback: Any) -> tuple[str, ...] | None:
    """What a URL pattern's callback declares (function views and ``as_view()`` alike)."""
    found = getattr(callback, "required_permission", None)
    if found is None and hasattr(callback, "view_class"):
        found = getattr(callback.view_class, "required_permission", None)
    if isinstance(found, str):
        return (found,)
    return found
