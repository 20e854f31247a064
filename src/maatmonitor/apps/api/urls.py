from django.urls import path

from . import views_followup, views_results, views_schema

app_name = "api"
urlpatterns = [
    path("schema/", views_schema.SchemaView.as_view(), name="schema"),
    path("results/", views_results.AnalysedWaveList.as_view(), name="results"),
    path(
        "results/<str:audience>/<str:wave>/",
        views_results.WaveResult.as_view(),
        name="wave_result",
    ),
    path("signals/", views_followup.SignalList.as_view(), name="signals"),
    path("signals/<int:pk>/", views_followup.SignalDetail.as_view(), name="signal_detail"),
    path(
        "signals/<int:pk>/transition/",
        views_followup.SignalTransition.as_view(),
        name="signal_transition",
    ),
    path("initiatives/", views_followup.InitiativeList.as_view(), name="initiatives"),
    path(
        "initiatives/<int:pk>/",
        views_followup.InitiativeDetail.as_view(),
        name="initiative_detail",
    ),
]
