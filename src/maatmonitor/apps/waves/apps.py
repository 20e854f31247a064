from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WavesConfig(AppConfig):
    name = "maatmonitor.apps.waves"
    label = "waves"
    verbose_name = _("Metingen")
