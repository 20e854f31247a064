import pytest
from django.core.exceptions import ValidationError

from maatmonitor.apps.instruments.constants import VersionStatus
from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.apps.waves.constants import WaveStatus
from maatmonitor.apps.waves.services import create_wave, record_draw
from maatmonitor.core.instrument import shipped_questionnaire_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_version():
    return import_questionnaire_file(shipped_questionnaire_paths()["client"]).version


def test_creating_a_wave_locks_its_questionnaire_version(client_version):
    wave = create_wave("2026-2", 1, "client", client_version)
    client_version.refresh_from_db()
    assert client_version.status == VersionStatus.IN_USE
    assert wave.status == WaveStatus.DRAFT
    assert create_wave("2026-2", 1, "client", client_version).pk == wave.pk


def test_wave_refuses_questionnaire_of_other_audience(client_version):
    with pytest.raises(ValidationError):
        create_wave("2026-2", 1, "employer", client_version)
    client_version.refresh_from_db()
    assert client_version.status == VersionStatus.DRAFT  # nothing locked by a refused wave


def test_record_draw_replaces_margins_until_fieldwork(client_version):
    wave = create_wave("2026-2", 1, "client", client_version)
    record_draw(wave, {"wave": 1}, [("district", "noord", 10), ("district", "oost", 5)])
    record_draw(wave, {"wave": 1}, [("district", "noord", 12)])
    assert list(wave.margins.values_list("variable", "category", "count")) == [
        ("district", "noord", 12)
    ]
    wave.status = WaveStatus.FIELDING
    wave.save()
    with pytest.raises(ValidationError):
        record_draw(wave, {"wave": 1}, [])
    assert wave.margins.count() == 1
