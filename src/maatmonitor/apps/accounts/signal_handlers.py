"""Seed the role groups after every migrate; count failed logins for the lockout."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs) -> None:
    from .services import sync_role_groups

    sync_role_groups()


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    from .backends import client_ip
    from .services import record_login_failure

    username = credentials.get("username")
    if username:
        record_login_failure(username, client_ip(request))


def _logged_in(sender, request, user, **kwargs) -> None:
    from .backends import client_ip
    from .services import clear_login_failures

    clear_login_failures(user.get_username(), client_ip(request))


def connect() -> None:
    post_migrate.connect(_sync_roles, dispatch_uid="maatmonitor.accounts.sync_roles")
    user_login_failed.connect(_login_failed, dispatch_uid="maatmonitor.accounts.login_failed")
    user_logged_in.connect(_logged_in, dispatch_uid="maatmonitor.accounts.logged_in")
