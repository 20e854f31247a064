"""Authentication backend that refuses a username locked out after repeated failures."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .services import is_locked_out


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


class LockoutModelBackend(ModelBackend):
    """ModelBackend, but a locked-out (username, address) is refused before the password check.

    Raising PermissionDenied stops Django from trying further backends and fires
    user_login_failed, so guessing during a lockout extends it.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and is_locked_out(username, client_ip(request)):
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
