from django.urls import path

from . import views

app_name = "instruments"
urlpatterns = [
    path("", views.version_list, name="version_list"),
    path("<int:pk>/", views.version_detail, name="version_detail"),
    path("<int:pk>/vraag/<int:item_pk>/opmerking/", views.add_comment, name="add_comment"),
]
