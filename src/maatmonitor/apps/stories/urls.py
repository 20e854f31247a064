from django.urls import path

from . import views

app_name = "stories"
urlpatterns = [
    path("", views.wave_list, name="wave_list"),
    path("meting/<int:wave_pk>/", views.review, name="review"),
    path("meting/<int:wave_pk>/trainen/", views.train, name="train"),
    path("antwoord/<int:pk>/", views.answer_edit, name="answer_edit"),
    path("antwoord/<int:pk>/origineel/", views.answer_raw, name="answer_raw"),
]
