from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.start, name="start"),
    path("tweede-stap/", views.otp_verify, name="otp_verify"),
    path("tweede-stap/instellen/", views.otp_setup, name="otp_setup"),
    path("auditlog/", views.audit_log, name="audit_log"),
]
