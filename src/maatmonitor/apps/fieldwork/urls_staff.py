"""Researcher pages of fieldwork, mounted at /metingen/."""

from django.urls import path

from . import staff_views as views

app_name = "fieldwork_staff"

urlpatterns = [
    path("", views.wave_list, name="wave_list"),
    path("<int:pk>/", views.wave_detail, name="wave_detail"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/veldwerkperiode/", views.set_period, name="set_period"),
    path("<int:pk>/starten/<slug:kind>/", views.start, name="start"),
    path("<int:pk>/taken/<int:job_pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/taken/<int:job_pk>/<str:name>", views.job_file, name="job_file"),
    path("<int:pk>/respons-per-stratum.csv", views.export_strata, name="export_strata"),
    path("<int:pk>/respons-per-dag.csv", views.export_days, name="export_days"),
]
