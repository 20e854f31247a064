"""URLs of the load benchmark's server only (settings/bench.py): the normal site plus a bare
baseline view that does one INSERT, to compare the questionnaire's throughput with."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from maatmonitor.apps.accounts.permissions import PUBLIC, requires

from .urls import urlpatterns as site_urlpatterns

# Created by benchmarks/load_respondents.py in its throw-away database.
BASELINE_TABLE = "bench_baseline_insert"


@requires(PUBLIC)
@csrf_exempt
def bare_insert(request: HttpRequest) -> HttpResponse:
    """GET: a tiny page; POST: one INSERT of the posted form as JSON, then a redirect (like a save)."""
    if request.method == "POST":
        payload = request.body.decode("utf-8", "replace")
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {BASELINE_TABLE} (payload) VALUES (%s)", [payload])
        return HttpResponseRedirect(request.path)
    return HttpResponse("<!doctype html><title>bare</title><p>bare</p>")


urlpatterns = [path("bench/bare/", bare_insert, name="bench_bare"), *site_urlpatterns]
