"""kill -9 the application server while respondents are mid-questionnaire, start it again, and
check that every acknowledged page is in the database and nothing is stored twice.

Runs a real `runserver` process on an SQLite file database of its own (WAL, synchronous=NORMAL:
the project's embedded default), with respondents posting pages over HTTP in threads.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

PROJECT = Path(__file__).resolve().parents[3]
RESPONDENTS = 12
SETUP = """
import django, sys
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
sys.path.insert(0, {project!r})
from tests.factories_fieldwork import fielding_wave, units_with_codes
wave = fielding_wave()
for unit, codes in units_with_codes(wave, {n}):
    print(unit.unit_id, codes.personal)
"""
PAGES = [
    ("over_u", {"journey": "unemployed", "outcome": "granted", "age_band": "27_44"}),
    ("als_mens", {f"mens_{i}": "4" for i in range(1, 6)}),
    ("redelijk", {f"redelijk_{i}": "3" for i in range(1, 6)}),
    ("hulp", {f"helpt_{i}": "2" for i in range(1, 6)}),
    ("simpel", {f"simpel_{i}": "5" for i in range(1, 6)}),
]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "maatmonitor.web.settings.dev",
        "MAATMONITOR_VAR_DIR": str(var_dir),
        "PYTHONPATH": str(PROJECT),
    }
    return env


def _start(env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "maatmonitor.web.manage",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--nothreading",
            "--skip-checks",
        ],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/v/", timeout=10)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the server did not come up")


def _respondent(base: str, code: str, acknowledged: dict, stop: threading.Event) -> None:
    """Post the pages in order; a page counts as acknowledged only after its redirect arrived."""
    session = requests.Session()
    for page, answers in PAGES:
        if stop.is_set():
            return
        url = f"{base}/v/{code}/p/{page}/"
        try:
            html = session.get(url, timeout=5).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            data = answers | {"csrfmiddlewaretoken": token, "action": "next"}
            reply = session.post(
                url, data=data, headers={"Origin": base}, allow_redirects=False, timeout=5
            )
        except (requests.RequestException, AttributeError):
            return  # the server died: this page was not acknowledged
        if reply.status_code != 302:
            return
        acknowledged.setdefault(code, []).append(page)


def test_no_acknowledged_answer_is_lost_or_duplicated_after_kill_9(tmp_path):
    env = _env(tmp_path)
    setup = SETUP.format(project=str(PROJECT), n=RESPONDENTS)
    out = subprocess.run(
        [sys.executable, "-c", setup],
        env=env,
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    unit_of = dict(line.split()[::-1] for line in out.splitlines() if line.strip())
    codes = list(unit_of)
    assert len(codes) == RESPONDENTS
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(env, port)
    acknowledged: dict[str, list[str]] = {}
    stop = threading.Event()
    threads = [
        threading.Thread(target=_respondent, args=(base, c, acknowledged, stop)) for c in codes
    ]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while sum(map(len, acknowledged.values())) < RESPONDENTS and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(server.pid, signal.SIGKILL)  # mid-questionnaire: some pages acknowledged, most not
    server.wait()
    stop.set()
    for t in threads:
        t.join(timeout=30)
    acked_pages = sum(map(len, acknowledged.values()))
    assert 0 < acked_pages < RESPONDENTS * len(PAGES)

    server = _start(env, port)  # restart on the same database: recovery from the WAL
    try:
        # after the restart every respondent carries on where the database says they are
        for code in codes:
            requests.get(f"{base}/v/{code}/", timeout=10)
    finally:
        server.kill()
        server.wait()

    db = sqlite3.connect(tmp_path / "maatmonitor.sqlite3")
    rows = db.execute(
        "SELECT u.unit_id, r.answers, r.current_page FROM fieldwork_response r "
        "JOIN fieldwork_sampleunit u ON u.id = r.unit_id"
    ).fetchall()
    units = db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT unit_id) FROM fieldwork_sampleunit"
    ).fetchone()
    per_unit = db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT unit_id) FROM fieldwork_response"
    ).fetchone()
    started = db.execute(
        "SELECT unit_id, COUNT(*) FROM fieldwork_fieldworkevent WHERE kind='started' GROUP BY unit_id"
    ).fetchall()
    db.close()
    assert units == (RESPONDENTS, RESPONDENTS)
    assert per_unit[0] == per_unit[1]  # one response per unit, never two
    assert all(n == 1 for _, n in started)
    by_unit = {row[0]: json.loads(row[1]) for row in rows}
    lost = []
    for code, pages in acknowledged.items():
        answers = by_unit.get(unit_of[code], {})
        for page in pages:
            expected = dict(PAGES)[page]
            for item, value in expected.items():
                if str(answers.get(item)) != value:
                    lost.append((unit_of[code], page, item))
    assert not lost, lost
    print(f"acknowledged pages before kill -9: {acked_pages}; all present after restart")
