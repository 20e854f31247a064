"""Load test of the respondent questionnaire: 200 concurrent respondents on PostgreSQL.

Run: .venv/bin/python benchmarks/load_respondents.py [--users 200] [--seconds 60]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres; override with BENCH_PG_URL) and gunicorn and
locust from the dev requirements.

What it does, bounded in time (< 5 minutes with the defaults):
1. creates a fresh database (dropped at the end), migrates it, and puts a client wave in the
   field with enough sampled units that no respondent code is used twice;
2. starts gunicorn (2 workers x 4 threads, loopback) with settings/bench.py;
3. runs locust headless (benchmarks/locust_respondents.py): each simulated respondent types
   its letter code, pages through the whole questionnaire posting answers (with the form's CSRF
   token), and submits, with a think time between pages (default 5-10 s: quicker than a person
   reading five statements; `--wait 1,2` is a stress shape that overloads 2 cores);
4. checks that every acknowledged save (a redirect after the POST) is in the database,
   answer by answer, and that no unit has two responses;
5. runs the same load shape against a bare Django view doing one INSERT on the same database
   (the named baseline), and prints the throughput ratio (ours / bare) and both p95s;
6. optionally (--saturate-seconds > 0) repeats both without think time: capacity ratio.
Target: p95 of the answer-save POSTs < 200 ms on 2 cores. Exit 1 if an acknowledged answer is
missing (or nothing was acknowledged at all).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO_RE = re.compile(r'<input type="radio"[^>]*?name="([^"]+)" value="([^"]*)"([^>]*)>')
SAVE = "save POST"
DONT_KNOW = "dk"  # posted for "weet ik niet", stored as None (apps.fieldwork.forms)
P95_TARGET_MS = 200.0


# --- pure helpers (tested in tests/benchmarks without network) ---------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks; nan if empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def form_answers(html: str, rng: Random) -> tuple[dict[str, str], bool]:
    """An answer for every radio group on a questionnaire page (a prefilled answer is kept, as
    a respondent confirming it would), and whether this is the last page (submit button)."""
    choices: dict[str, list[str]] = {}
    checked: dict[str, str] = {}
    for name, value, rest in RADIO_RE.findall(html):
        choices.setdefault(name, []).append(value)
        if "checked" in rest:
            checked[name] = value
    answers = {name: checked.get(name) or rng.choice(values) for name, values in choices.items()}
    return answers, 'value="submit"' in html


def next_location(reply: Any) -> str | None:
    """The path a redirect points to, or None when the reply is not a redirect."""
    if getattr(reply, "status_code", 0) not in (301, 302, 303):
        return None
    location = reply.headers.get("Location", "")
    return re.sub(r"^https?://[^/]+", "", location) or None


def missing_answers(
    acknowledged: Mapping[str, Iterable[Mapping[str, Any]]],
    stored: Mapping[str, Mapping[str, Any]],
) -> list[tuple[str, str, str]]:
    """(unit, page, question) of every acknowledged answer that the database does not hold
    (with the value posted; "weet ik niet" is held as None)."""
    missing = []
    for unit, saves in acknowledged.items():
        answers = stored.get(unit, {})
        for save in saves:
            for question, value in save["answers"].items():
                expected = None if value == DONT_KNOW else str(value)
                held = answers.get(question)
                if question not in answers or (None if held is None else str(held)) != expected:
                    missing.append((unit, save["page"], question))
    return missing


@dataclass(frozen=True)
class RunFigures:
    """What one locust run measured."""

    label: str
    seconds: float
    requests: int
    saves: int
    save_p50_ms: float
    save_p95_ms: float
    errors: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def saves_per_second(self) -> float:
        return self.saves / self.seconds if self.seconds else 0.0


def figures(label: str, result: Mapping[str, Any], seconds: float) -> RunFigures:
    times: Mapping[str, list[float]] = result["times"]
    saves = times.get(SAVE, [])
    return RunFigures(
        label=label,
        seconds=seconds,
        requests=sum(len(v) for v in times.values()),
        saves=len(saves),
        save_p50_ms=percentile(saves, 50),
        save_p95_ms=percentile(saves, 95),
        errors=int(result.get("errors", 0)),
    )


def summary(ours: RunFigures, bare: RunFigures, note: str = "") -> list[str]:
    """Lines comparing a run of the questionnaire with the bare baseline under the same shape."""
    ratio = ours.requests_per_second / bare.requests_per_second if bare.requests else math.nan
    lines = []
    for run in (ours, bare):
        lines.append(
            f"  {run.label:<28} {run.requests_per_second:7.1f} req/s  {run.saves_per_second:7.1f}"
            f" saves/s  save p50 {run.save_p50_ms:6.1f} ms  p95 {run.save_p95_ms:6.1f} ms"
            f"  errors {run.errors}"
        )
    lines.append(f"  throughput ratio ours / bare: {ratio:.2f}{f' ({note})' if note else ''}")
    return lines


# --- the run ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _admin_execute(pg_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _setup_database(units: int) -> list[dict[str, str]]:
    """Migrate, put a wave in the field, create the baseline table; the units' letter codes."""
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from maatmonitor.apps.fieldwork import codes
    from maatmonitor.apps.fieldwork.management.commands.demo_wave import ensure_open_wave
    from maatmonitor.apps.fieldwork.models import SampleUnit
    from maatmonitor.web.urls_bench import BASELINE_TABLE

    wave = ensure_open_wave("bench-load", "client", units)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {BASELINE_TABLE} (id bigserial PRIMARY KEY, payload text)")
    return [
        {"unit_id": u.unit_id, "letter": codes.unit_codes(u).letter}
        for u in SampleUnit.objects.filter(wave=wave).order_by("?")
    ]


def _stored_answers() -> tuple[dict[str, dict[str, Any]], int, int]:
    """Answers per unit as stored, the number of responses, and of distinct units among them."""
    from django.db import connection

    from maatmonitor.apps.fieldwork.models import Response

    connection.close()  # a fresh connection: read what is committed now
    rows = list(Response.objects.values_list("unit__unit_id", "answers"))
    return dict(rows), len(rows), len({u for u, _ in rows})


def _start_server(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "maatmonitor.web.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread",
            "--backlog=2048",
            # longer than any think time: with gunicorn's 2 s default, a respondent's next request
            # races the server closing the idle connection (ConnectionError, nothing to do with load)
            "--keep-alive=30",
            "--log-level=warning",
        ],
        env=env,
        cwd=PROJECT,
    )
    import urllib.request

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not come up")


def _locust(
    env: dict[str, str], port: int, mode: str, users: int, seconds: int, wait: str, workdir: Path
) -> tuple[dict[str, Any], float]:
    out = workdir / f"{mode}-{wait.replace(',', '-')}.json"
    run_env = env | {"BENCH_MODE": mode, "BENCH_WAIT": wait, "BENCH_OUT": str(out)}
    started = time.monotonic()
    run = subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(HERE / "locust_respondents.py"),
            "--headless",
            f"--users={users}",
            f"--spawn-rate={min(users, 50)}",
            f"--run-time={seconds}s",
            f"--host=http://127.0.0.1:{port}",
            "--only-summary",
            "--loglevel=ERROR",
            "--stop-timeout=0",
        ],
        env=run_env,
        cwd=HERE,
        check=False,
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    if not out.exists():
        raise SystemExit(f"locust ({mode}) wrote no result:\n{run.stderr[-3000:]}")
    elapsed = time.monotonic() - started
    return json.loads(out.read_text()), min(elapsed, float(seconds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wait", default="5,10", help="think time between pages, min,max seconds")
    parser.add_argument("--saturate-seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)

    pg_url = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")
    db_name = f"maatmonitor_bench_{secrets.token_hex(4)}"
    _admin_execute(pg_url, f'CREATE DATABASE "{db_name}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith("BENCH_")} | {
        "DATABASE_URL": f"{pg_url}/{db_name}",
        "DJANGO_SETTINGS_MODULE": "maatmonitor.web.settings.bench",
    }
    os.environ.update(env)
    server = None
    try:
        t0 = time.monotonic()
        # enough fresh codes that no respondent is played twice (about 1 per user per 10 s)
        units = max(200, args.users * (args.seconds + args.saturate_seconds) // 8)
        unit_codes = _setup_database(units)
        print(f"setup: database {db_name}, {len(unit_codes)} units in the field", end="")
        print(f" ({time.monotonic() - t0:.0f} s)")
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            codes_file = workdir / "codes.json"
            codes_file.write_text(json.dumps(unit_codes))
            env["BENCH_CODES"] = str(codes_file)
            port = _free_port()
            server = _start_server(env, port, args.workers, args.threads)
            shape = f"{args.users} users, think time {args.wait} s, {args.seconds} s"
            print(
                f"load: {shape}; gunicorn {args.workers} workers x {args.threads} threads;"
                f" machine load before: {os.getloadavg()[0]:.1f}"
            )
            site, site_s = _locust(env, port, "site", args.users, args.seconds, args.wait, workdir)
            bare, bare_s = _locust(env, port, "bare", args.users, args.seconds, args.wait, workdir)
            runs = [(figures("questionnaire", site, site_s), figures("bare insert", bare, bare_s))]
            results = [site]
            if args.saturate_seconds > 0:
                used = {u for r in results for u in r["ack"]}
                codes_file.write_text(
                    json.dumps([u for u in unit_codes if u["unit_id"] not in used])
                )
                s = args.saturate_seconds
                sat, sat_s = _locust(env, port, "site", args.users, s, "0,0", workdir)
                bsat, bsat_s = _locust(env, port, "bare", args.users, s, "0,0", workdir)
                results.append(sat)
                runs.append(
                    (
                        figures("questionnaire (no think)", sat, sat_s),
                        figures("bare insert (no think)", bsat, bsat_s),
                    )
                )
        server.terminate()
        server.wait(timeout=30)
        server = None

        acknowledged: dict[str, list[dict[str, Any]]] = {}
        for result in results:
            for unit, saves in result["ack"].items():
                acknowledged.setdefault(unit, []).extend(saves)
        stored, responses, distinct = _stored_answers()
        missing = missing_answers(acknowledged, stored)
        acked_saves = sum(len(v) for v in acknowledged.values())
        acked_answers = sum(len(s["answers"]) for v in acknowledged.values() for s in v)
        completed = sum(len(r["completed"]) for r in results)

        print("\n== respondent load test (PostgreSQL, loopback)")
        print(f"paced: {shape}")
        notes = [
            "paced: near 1 when both keep up with the think time; not a capacity figure",
            "no think time: capacity",
        ]
        for (ours, bare_run), note in zip(runs, notes, strict=False):
            print("\n".join(summary(ours, bare_run, note)))
        p95 = runs[0][0].save_p95_ms
        verdict = "met" if p95 < P95_TARGET_MS else "NOT met"
        print(f"answer-save p95 (paced): {p95:.1f} ms; target < {P95_TARGET_MS:.0f} ms: {verdict}")
        print(
            f"acknowledged saves: {acked_saves} pages ({acked_answers} answers) of "
            f"{len(acknowledged)} respondents, {completed} submitted"
        )
        print(
            f"in the database: {responses} responses for {distinct} units; "
            f"acknowledged answers missing: {len(missing)}"
        )
        load = os.getloadavg()[0]
        print(f"total time: {time.monotonic() - t0:.0f} s; {os.cpu_count()} cores, load {load:.1f}")
        kinds: dict[str, int] = {}
        for result in [*results, bare]:
            for kind, n in result.get("error_kinds", {}).items():
                kinds[kind] = kinds.get(kind, 0) + n
        if kinds:
            print("errors by kind (paced + saturated runs):", kinds)
        if missing:
            print("MISSING (unit, page, question):", missing[:20])
            return 1
        if acked_saves == 0 or responses != distinct:
            print("FAILED: nothing acknowledged, or a unit holds two responses")
            return 1
        return 0
    finally:
        if server is not None:
            server.kill()
            server.wait()
        from django.db import connections

        connections.close_all()
        _admin_execute(pg_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
