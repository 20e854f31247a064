"""DRF permission that uses the same role permissions as the pages.

Each API view lists per HTTP method the permissions ("app_label.codename") that allow it
(``method_permissions``); ``required_permission`` (all of them) is what the authorisation matrix
test reads, exactly as for views wrapped with ``accounts.permissions.requires``.
"""

from __future__ import annotations

from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission

from maatmonitor.apps.accounts.permissions import AUTHENTICATED, needs_second_factor

# HEAD and OPTIONS read what GET reads.
_READ_ALIASES = {"HEAD": "GET", "OPTIONS": "GET"}


def declare(method_permissions: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The union of the permissions of every method, in a stable order."""
    out: list[str] = []
    for perms in method_permissions.values():
        out.extend(p for p in perms if p not in out)
    return tuple(out)


class RolePermission(BasePermission):
    """Allow a request when the user holds one of the permissions of its HTTP method.

    A session login that set up TOTP must have passed it (as on the pages); API tokens are
    issued by an administrator and stand on their own.
    """

    def has_permission(self, request, view) -> bool:
        user = request.user
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if isinstance(request.successful_authenticator, SessionAuthentication) and (
            needs_second_factor(user)
        ):
            return False
        method = _READ_ALIASES.get(request.method, request.method)
        perms = view.method_permissions.get(method)
        if perms is None:
            # A method the view does not implement: let DRF answer 405, not 403.
            return not hasattr(view, method.lower())
        if AUTHENTICATED in perms:
            return True
        return any(user.has_perm(p) for p in perms)
