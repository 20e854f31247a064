"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="accounts:start"), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("vragenlijsten/", include("maatmonitor.apps.instruments.urls")),
    path("v/", include("maatmonitor.apps.fieldwork.urls_respondent")),
    path("metingen/", include("maatmonitor.apps.fieldwork.urls_staff")),
    path("afmelden/", include("maatmonitor.apps.fieldwork.urls_optout")),
    path("account/", include("maatmonitor.apps.accounts.urls")),
    path("opvolging/", include("maatmonitor.apps.followup.urls")),
    path("dashboard/", include("maatmonitor.apps.dashboards.urls")),
    path("api/v1/", include("maatmonitor.apps.api.urls")),
    path("verhalen/", include("maatmonitor.apps.stories.urls")),
    path("admin/", admin.site.urls),
]
