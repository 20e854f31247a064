"""Opt-out pages, mounted at /afmelden/ (printed in every letter, linked in every e-mail)."""

from django.urls import path

from . import optout_views as views

app_name = "optout"

urlpatterns = [
    path("", views.entry, name="entry"),
    path("<str:code>/", views.confirm, name="confirm"),
]
