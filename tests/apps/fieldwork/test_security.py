import os
import secrets
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from maatmonitor.apps.fieldwork import security


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(FIELDWORK_CODE_LIMITS={"ip": 3, "prefix": 2})
def test_lockout_counts_per_ip_and_per_prefix_separately():
    assert security.lockout("10.0.0.1", "ABCD") is None
    security.record_failure("10.0.0.1", "ABCD")
    security.record_failure("10.0.0.2", "ABCD")
    locked = security.lockout("10.0.0.3", "ABCD")
    assert locked is not None
    assert locked.scope == "prefix"
    assert security.lockout("10.0.0.3", "WXYZ") is None
    security.record_failure("10.0.0.1", "KLMN")
    security.record_failure("10.0.0.1", "PQRS")
    assert security.lockout("10.0.0.1", "TVWX").scope == "ip"


def test_cache_keys_hold_neither_the_ip_nor_the_code():
    security.record_failure("192.0.2.44", "K7MX")
    keys = list(cache._cache.keys())  # LocMemCache, the test default
    assert keys
    assert not any("192.0.2.44" in k or "K7MX" in k for k in keys)


def test_code_prefix_ignores_separators_and_case():
    assert security.code_prefix("k7-mx3pqa") == "K7MX"


def test_csp_middleware_sets_a_strict_policy_and_respects_a_view_header():
    factory = RequestFactory()
    middleware = security.ContentSecurityPolicyMiddleware(lambda r: HttpResponse("x"))
    header = middleware(factory.get("/"))["Content-Security-Policy"]
    assert "default-src 'none'" in header
    assert "frame-ancestors 'none'" in header
    assert "unsafe" not in header

    def own(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'self'"
        return response

    assert security.ContentSecurityPolicyMiddleware(own)(factory.get("/"))[
        "Content-Security-Policy"
    ] == ("default-src 'self'")


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maatmonitor.web.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "monitor.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "MAATMONITOR_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "maatmonitor.web.manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_client_ip_trusts_forwarded_for_only_as_far_as_configured():
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert security.client_ip(request) == "10.9.9.9"
    with override_settings(FIELDWORK_TRUSTED_PROXIES=1):
        assert security.client_ip(request) == "192.0.2.7"  # the spoofed 6.6.6.6 is ignored
    with override_settings(FIELDWORK_TRUSTED_PROXIES=3):
        assert security.client_ip(request) == "10.9.9.9"  # fewer hops than proxies: fall back


def test_csp_extend_loosens_one_directive_of_one_view_only():
    @security.csp_extend(script_src="'self' 'unsafe-eval'")
    def chart(request):
        return HttpResponse("x")

    middleware = security.ContentSecurityPolicyMiddleware(chart)
    header = middleware(RequestFactory().get("/"))["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-eval'" in header
    assert "style-src 'self';" in header
    assert "default-src 'none'" in header
