"""Demo data for the core: an account for each role and the network's general pages, read
from ``accounts.yaml`` and ``pages.yaml`` next to this file.

Each app adds its own demo data through the ``register_demo_data`` hook; the
``load_demo`` command runs them all, in hook order. Every loader must be idempotent:
running it twice changes nothing and duplicates nothing. Apps keep their data in files
under their own ``demo/`` folder and read them with ``read_yaml`` (or ``data_file``).
"""

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, User
from django.utils import timezone

from wagtail.models import Site

import yaml

from ..models import ContentPage, HomePage
from ..roles import COORDINATORS, PARTNERS, STAFF

DEMO_PASSWORD = "sem-fronteiras-demo"  # noqa: S105 (documented, dev-only demo password)

ROLE_GROUPS = {
    "administrator": None,
    "coordinator": COORDINATORS,
    "staff": STAFF,
    "partner": PARTNERS,
}


def data_file(package_file: str, name: str) -> Path:
    """A data file in the same folder as the module: ``data_file(__file__, "x.csv")``."""
    return Path(package_file).resolve().parent / name


def read_yaml(package_file: str, name: str) -> Any:
    return yaml.safe_load(data_file(package_file, name).read_text(encoding="utf-8"))


# The day the demo's dates were written for. Loaded on another day, the dates of the
# demo's story (sessions, deadlines, recent updates) move by whole weeks, so the demo
# looks current whenever it is loaded: sessions ahead, deadlines near, nothing "overdue
# since" years ago. Whole weeks keep weekdays (sessions on Tuesdays stay on Tuesdays).
WRITTEN_FOR = datetime.date(2026, 11, 30)


def demo_shift(today: datetime.date | None = None) -> datetime.timedelta:
    """How far the demo's dates move when loaded today (whole weeks, towards zero)."""
    days = ((today or timezone.localdate()) - WRITTEN_FOR).days
    return datetime.timedelta(weeks=int(days / 7))


def shift_dates(data: Any, shift: datetime.timedelta) -> Any:
    """``data`` as read from YAML with every date in it moved by ``shift``."""
    if isinstance(data, dict):
        return {key: shift_dates(value, shift) for key, value in data.items()}
    if isinstance(data, list):
        return [shift_dates(value, shift) for value in data]
    if isinstance(data, datetime.date):
        return data + shift
    return data


def ensure_accounts() -> dict[str, User]:
    accounts = {}
    for account in read_yaml(__file__, "accounts.yaml"):
        group_name = ROLE_GROUPS[account["role"]]
        user, created = User.objects.get_or_create(
            username=account["username"],
            defaults={
                "first_name": account["first_name"],
                "last_name": account["last_name"],
                "email": account["email"],
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = group_name is None
        user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        accounts[user.username] = user
    return accounts


def ensure_content_pages() -> None:
    home = HomePage.objects.get()
    for entry in read_yaml(__file__, "pages.yaml"):
        if ContentPage.objects.child_of(home).filter(slug=entry["slug"]).exists():
            continue
        page = ContentPage(
            title=entry["title"],
            slug=entry["slug"],
            summary=entry["summary"],
            body=[(block["type"], block["value"]) for block in entry["body"]],
        )
        home.add_child(instance=page)
        page.save_revision().publish()


def load(stdout) -> None:
    accounts = ensure_accounts()
    ensure_content_pages()
    site = Site.objects.get(is_default_site=True)
    if site.hostname != "localhost":
        site.hostname = "localhost"
        site.save()
    stdout.write(f"  core: {len(accounts)} demo accounts, general pages")
