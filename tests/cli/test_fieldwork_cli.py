"""`maatmonitor fieldwork ...` end to end on the test database."""

import datetime as dt

import pandas as pd
import pytest
from django.core import mail
from typer.testing import CliRunner

from maatmonitor.apps.fieldwork.models import Invitation, SampleUnit
from maatmonitor.apps.fieldwork.outreach import opt_out
from maatmonitor.apps.waves.constants import WaveStatus
from maatmonitor.cli import app
from maatmonitor.core.fieldwork import apply_opt_outs, read_opt_outs
from tests.factories_fieldwork import fielding_wave, units_with_codes

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_open_contacts_invite_letters_status_opt_outs(tmp_path):
    wave = fielding_wave("client", status=WaveStatus.DRAFT)
    units_with_codes(wave, 4)
    today = dt.date.today()
    result = runner.invoke(
        app,
        [
            "fieldwork",
            "open",
            "2026-2",
            "--opens",
            today.isoformat(),
            "--closes",
            (today + dt.timedelta(days=28)).isoformat(),
        ],
    )
    assert result.exit_code == 0, result.output
    wave.refresh_from_db()
    assert wave.status == WaveStatus.FIELDING

    ids = list(SampleUnit.objects.order_by("unit_id").values_list("unit_id", flat=True))
    contacts = tmp_path / "contacts.csv"
    pd.DataFrame(
        {
            "unit_id": ids,
            "email": ["a@example.invalid", "", "", ""],
            "postal_address": ["", "Postbus 1", "", ""],
        }
    ).to_csv(contacts, index=False)
    result = runner.invoke(app, ["fieldwork", "contacts", "2026-2", str(contacts)])
    assert result.exit_code == 0, result.output

    result = runner.invoke(app, ["fieldwork", "invite", "2026-2"])
    assert result.exit_code == 0, result.output
    assert "1 e-mails verstuurd" in result.output
    assert "3 brieven klaargezet" in result.output
    assert len(mail.outbox) == 1

    result = runner.invoke(app, ["fieldwork", "letters", "2026-2", "--out", str(tmp_path / "pdf")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 1
    assert Invitation.objects.filter(status="sent").count() == 4

    result = runner.invoke(app, ["fieldwork", "status", "2026-2", "--csv", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert "4 uitgenodigd" in result.output
    per_stratum = pd.read_csv(next((tmp_path / "csv").glob("respons-per-stratum-*.csv")))
    assert per_stratum["invited"].sum() == 4

    opt_out(SampleUnit.objects.get(unit_id=ids[2]))
    result = runner.invoke(app, ["fieldwork", "opt-outs", "--out", str(tmp_path / "opt.csv")])
    assert result.exit_code == 0, result.output
    opted = read_opt_outs(tmp_path / "opt.csv")
    assert opted.values.tolist() == [["client", ids[2]]]
    frame = pd.DataFrame({"unit_id": ids, "audience": "client", "opt_out": False})
    assert apply_opt_outs(frame, opted).frame["opt_out"].tolist() == [False, False, True, False]


def test_unknown_wave_and_bad_dates_fail_clearly():
    fielding_wave("client")
    result = runner.invoke(app, ["fieldwork", "status", "2030-1"])
    assert result.exit_code == 1
    assert "bestaat niet" in result.output
    assert "2026-2" in result.output
    result = runner.invoke(
        app, ["fieldwork", "open", "2026-2", "--opens", "morgen", "--closes", "x"]
    )
    assert result.exit_code == 1
    assert "geen datum" in result.output
