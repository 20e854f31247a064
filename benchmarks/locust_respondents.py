"""Locust users for benchmarks/load_respondents.py (run by it; not on its own).

BENCH_MODE=site: each user is a respondent who types a letter code, pages through the whole
questionnaire answering every question, and submits; then takes the next unused code.
BENCH_MODE=bare: the same shape (GET a page, POST a form, per page) against the bare
one-INSERT view. Every acknowledged save (a redirect after the POST) and every response time is
written to BENCH_OUT when locust stops, for the database count check and the percentiles.
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

from load_respondents import CSRF_RE, form_answers, next_location  # same directory
from locust import HttpUser, between, constant, events, task
from locust.exception import StopUser

MODE = os.environ.get("BENCH_MODE", "site")
WAIT = [float(x) for x in os.environ.get("BENCH_WAIT", "5,10").split(",")]
CODES: list[dict[str, str]] = (
    json.loads(Path(os.environ["BENCH_CODES"]).read_text()) if os.environ.get("BENCH_CODES") else []
)
PAGES_PER_BARE_RESPONDENT = int(os.environ.get("BENCH_BARE_PAGES", "6"))
RESULT: dict = {"ack": {}, "times": {}, "completed": [], "errors": 0, "error_kinds": {}}
_next_code = iter(CODES)


def _kind(reply) -> str:
    """The status code, or the exception's name when the request got no answer (status 0)."""
    error = getattr(reply, "error", None)
    return f"{reply.status_code} {type(error).__name__}" if error else str(reply.status_code)


def _error(kind: str) -> None:
    RESULT["errors"] += 1
    RESULT["error_kinds"][kind] = RESULT["error_kinds"].get(kind, 0) + 1


def _timed(name: str, started: float) -> None:
    RESULT["times"].setdefault(name, []).append((time.perf_counter() - started) * 1000)


@events.quitting.add_listener
def _dump(environment, **_kwargs) -> None:
    with open(os.environ["BENCH_OUT"], "w") as handle:
        json.dump(RESULT, handle)


class Respondent(HttpUser):
    wait_time = between(*WAIT) if WAIT[1] > 0 else constant(0)

    def _get(self, path: str, name: str):
        started = time.perf_counter()
        reply = self.client.get(path, name=name, allow_redirects=False)
        _timed(name, started)
        return reply

    def _post(self, path: str, data: dict, name: str):
        started = time.perf_counter()
        headers = {"Origin": self.host}
        reply = self.client.post(path, data=data, name=name, headers=headers, allow_redirects=False)
        _timed(name, started)
        return reply

    @task
    def respond(self) -> None:
        if MODE == "bare":
            self._bare()
        else:
            self._site()

    def _bare(self) -> None:
        for _page in range(PAGES_PER_BARE_RESPONDENT):
            self._get("/bench/bare/", "page GET")
            reply = self._post("/bench/bare/", {"q": str(random.randint(1, 5))}, "save POST")
            if reply.status_code != 302:
                _error(f"bare POST {_kind(reply)}")
            self.wait()

    def _site(self) -> None:
        unit = next(_next_code, None)
        if unit is None:
            raise StopUser()
        self.client.cookies.clear()
        entry = self._get("/v/", "code GET")
        token = CSRF_RE.search(entry.text or "")
        if not token:
            _error(f"code GET {_kind(entry)}")
            return
        reply = self._post(
            "/v/", {"csrfmiddlewaretoken": token.group(1), "code": unit["letter"]}, "code POST"
        )
        location = next_location(reply)
        if location is None:
            _error(f"code POST {_kind(reply)}")
            return
        location = next_location(self._get(location, "resume GET"))  # -> first open page
        rng = random.Random(unit["unit_id"])
        while location is not None and "/p/" in location:
            self.wait()
            page = self._get(location, "page GET")
            if page.status_code != 200:
                _error(f"page GET {_kind(page)}")
                return
            answers, is_last = form_answers(page.text, rng)
            token = CSRF_RE.search(page.text)
            data = answers | {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "action": "submit" if is_last else "next",
                "token": f"bench-{unit['unit_id']}",
            }
            reply = self._post(location, data, "save POST")
            following = next_location(reply)
            if following is None or following == location:
                _error(f"save POST {_kind(reply)}")
                return
            slug = location.rstrip("/").rsplit("/", 1)[-1]
            RESULT["ack"].setdefault(unit["unit_id"], []).append({"page": slug, "answers": answers})
            if is_last:
                RESULT["completed"].append(unit["unit_id"])
            location = following


if __name__ == "__main__":  # `make bench` runs every file here; this one is locust's, not a bench
    print("locust users of benchmarks/load_respondents.py (run that one); nothing to do here")
