"""Respondent pages, mounted at /v/ (short enough to type from a letter)."""

from django.urls import path

from . import respondent_views as views

app_name = "respondent"

urlpatterns = [
    path("", views.code_entry, name="start"),
    path("<str:code>/", views.resume, name="resume"),
    path("<str:code>/p/<slug:page>/", views.page, name="page"),
    path("<str:code>/bewaard/", views.paused, name="paused"),
    path("<str:code>/klaar/", views.done, name="done"),
]
