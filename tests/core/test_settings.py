import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "WEB_CONCURRENCY"}
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("check", DJANGO_SETTINGS_MODULE="intranet.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="intranet.settings.production",
        DJANGO_SECRET_KEY="k" * 20 + "-Very-long-random-production-key-0123456789!@#",
        ALLOWED_HOSTS="intranet.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "-Very-long-random-production-key-0123456789!@#",
}


def test_production_with_several_workers_refuses_to_start_without_redis():
    """Sessions live in the cache: a per-process cache would keep a logged-out session
    alive in another worker."""
    for workers in [{}, {"WEB_CONCURRENCY": "2"}]:
        result = _run("check", **PRODUCTION, **workers)
        assert result.returncode != 0, workers
        assert "REDIS_URL is not set" in result.stderr
    assert _run("check", **PRODUCTION, WEB_CONCURRENCY="1").returncode == 0


def test_sessions_are_cached_but_kept_in_the_database(settings):
    """No query for the session on most requests; the table still lists them, which
    ending a person's sessions needs (intranet.core.sessions)."""
    from intranet.core.sessions import ENUMERABLE_ENGINES

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert settings.SESSION_ENGINE in ENUMERABLE_ENGINES


def test_base_settings_are_safe_by_default():
    from intranet.settings import base

    assert base.DEBUG is False
    assert not hasattr(base, "SECRET_KEY")
    assert base.WAGTAIL_ENABLE_UPDATE_CHECK is False


def test_nothing_calls_out_of_the_machine():
    """The admin's update check and Gravatar avatars would contact outside servers."""
    from django.conf import settings

    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAILEMBEDS_FINDERS == []


def test_admin_pages_link_nothing_outside(client_for, coordinator_user):
    html = client_for(coordinator_user).get("/admin/").content.decode()
    assert "gravatar.com" not in html
