from django.urls import path

from . import api, views, views_initiatives

app_name = "followup"
urlpatterns = [
    path("signaal-melden/", views.signal_intake, name="signal_intake"),
    path("signaal-melden/ontvangen/", views.signal_received, name="signal_received"),
    path("signalen/", views.signal_list, name="signal_list"),
    path("signalen/termijnen/", views.sla_report, name="sla_report"),
    path("signalen/<int:pk>/", views.signal_detail, name="signal_detail"),
    path("signalen/<int:pk>/stap/", views.signal_step, name="signal_step"),
    path("initiatieven/", views_initiatives.initiative_list, name="initiative_list"),
    path("initiatieven/nieuw/", views_initiatives.initiative_create, name="initiative_create"),
    path("initiatieven/<int:pk>/", views_initiatives.initiative_detail, name="initiative_detail"),
    path(
        "initiatieven/<int:pk>/bewerken/",
        views_initiatives.initiative_edit,
        name="initiative_edit",
    ),
    path("api/signalen/", api.signals, name="api_signals"),
    path("api/signalen/<int:pk>/", api.signal_detail, name="api_signal_detail"),
    path("api/signalen/<int:pk>/stap/", api.signal_step, name="api_signal_step"),
    path("api/initiatieven/", api.initiatives, name="api_initiatives"),
]
