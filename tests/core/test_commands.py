"""Management commands run from cron: bad arguments exit non-zero (cron mails the error),
and purging a leaver's photo deletes its files at once, with or without a task worker."""

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.utils import timezone

import pytest

from intranet.people.models import Profile
from intranet.people.services import replace_photo

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("intranet", "network", "training")


def project_commands() -> dict[str, str]:
    return {
        name: app
        for name, app in get_commands().items()
        if isinstance(app, str) and app.split(".")[0] in PROJECT_PACKAGES
    }


def _parser_actions(name):
    command = load_command_class(project_commands()[name], name)
    parser = command.create_parser("manage.py", name)
    return [a for a in parser._actions if a.dest not in {"help", "version"}]


def test_the_project_has_its_commands():
    names = set(project_commands())
    assert {"purge_leaver_contacts", "import_providers", "backup", "restore"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(project_commands()))
def test_unknown_options_are_errors(name):
    with pytest.raises(CommandError):
        call_command(name, "--no-such-option", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(project_commands()))
def test_numbers_that_are_not_numbers_are_errors(name):
    """Every option typed as a number, given a word or a negative number: an error.
    (None of the project's numeric options has a meaning below zero.)"""
    numeric = [a for a in _parser_actions(name) if a.type in (int, float) and a.option_strings]
    for action in numeric:
        for value in ["abc", "-1"]:
            with pytest.raises(CommandError):
                call_command(
                    name,
                    action.option_strings[0],
                    value,
                    stdout=io.StringIO(),
                    stderr=io.StringIO(),
                )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(project_commands()))
def test_missing_files_are_errors(name, tmp_path):
    positional = [a for a in _parser_actions(name) if not a.option_strings]
    if not positional:
        return
    with pytest.raises(CommandError):
        call_command(name, str(tmp_path / "nowhere.csv"), stdout=io.StringIO())


def test_the_shell_sees_a_non_zero_exit_status():
    result = subprocess.run(
        [sys.executable, "manage.py", "purge_leaver_contacts", "--days", "-1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "intranet.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "--days must be zero or more" in result.stderr


@pytest.mark.django_db
def test_purging_a_leaver_deletes_the_photo_files_at_once(
    staff_user, settings, django_capture_on_commit_callbacks
):
    """With the database task backend (production), nothing runs the queued deletion here:
    the files must still be gone when the command ends."""
    from tests.people.factories import image_upload

    replace_photo(staff_user.profile, image_upload(), staff_user)
    photo = Profile.objects.get(user=staff_user).photo
    rendition = photo.get_rendition("fill-96x96")
    files = [Path(photo.file.path), Path(rendition.file.path)]
    assert all(f.exists() for f in files)
    Profile.objects.filter(user=staff_user).update(
        is_active_member=False, left_on=timezone.localdate() - dt.timedelta(days=400)
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_leaver_contacts", stdout=io.StringIO())
    assert Profile.objects.get(user=staff_user).photo is None
    assert not any(f.exists() for f in files)
