"""Seed the role groups after every migrate, so new permissions reach the roles."""

from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs) -> None:
    from .services import sync_role_groups

    sync_role_groups()


def connect() -> None:
    post_migrate.connect(_sync_roles, dispatch_uid="maatmonitor.accounts.sync_roles")
