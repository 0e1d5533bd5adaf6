import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
