"""The OpenAPI schema of API v1, for any signed-in user or token."""

from drf_spectacular.views import SpectacularAPIView

from maatmonitor.apps.accounts.permissions import AUTHENTICATED

from .permissions import RolePermission, declare

SCHEMA_PERMISSIONS = {"GET": (AUTHENTICATED,)}


class SchemaView(SpectacularAPIView):
    permission_classes = [RolePermission]
    method_permissions = SCHEMA_PERMISSIONS
    required_permission = declare(SCHEMA_PERMISSIONS)
