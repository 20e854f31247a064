from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.index, name="index"),
    path("landelijk/", views.national, name="national"),
    path("<slug:district>/", views.district, name="district"),
]
