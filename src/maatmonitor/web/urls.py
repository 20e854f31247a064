"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="instruments:version_list"), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("vragenlijsten/", include("maatmonitor.apps.instruments.urls")),
    path("admin/", admin.site.urls),
]
