"""Demo data for the network directory, read from the files next to this module:
``languages.yaml``, ``offices.yaml``, ``organisations.yaml`` and ``providers.csv``.

The providers go through the directory's own importer (``network.importing``, the code
behind ``manage.py import_providers``), so every ``make run`` exercises it. Idempotent:
languages are matched by code, offices and providers by slug, organisations by name;
what already exists is left as it is.
"""

import csv
import io
from decimal import Decimal

from intranet.core.demo import data_file, read_yaml

from ..importing import import_providers, parse_hours
from ..models import (
    Language,
    NetworkDirectoryPage,
    OfficeOpeningHours,
    PartnerOrganisation,
    ServiceProvider,
    SupportOfficePage,
)


class DemoDataError(Exception):
    """A demo file the importer refuses: the demo data must always import cleanly."""


def load_languages() -> dict[str, Language]:
    languages = {}
    for entry in read_yaml(__file__, "languages.yaml"):
        languages[entry["code"]], _created = Language.objects.get_or_create(
            code=entry["code"], defaults={"name": entry["name"], "name_en": entry["name_en"]}
        )
    return languages


def load_offices(languages: dict[str, Language]) -> dict[str, SupportOfficePage]:
    directory = NetworkDirectoryPage.objects.first()
    if directory is None:
        return {}
    data = read_yaml(__file__, "offices.yaml")
    offices = {}
    for entry in data["offices"]:
        office = SupportOfficePage.objects.child_of(directory).filter(slug=entry["slug"]).first()
        if office is None:
            office = SupportOfficePage(
                title=entry["title"],
                slug=entry["slug"],
                municipality=entry["municipality"],
                host_organisation=entry["host_organisation"],
                in_town_hall=entry["in_town_hall"],
                address=entry["address"],
                phone=entry["phone"],
                email=entry["email"],
                accessibility=entry["accessibility"],
                latitude=Decimal(entry["latitude"]),
                longitude=Decimal(entry["longitude"]),
                description=data["description"],
            )
            office.opening_hours = [
                OfficeOpeningHours(weekday=day, opens=opens, closes=closes, sort_order=i)
                for i, (day, opens, closes) in enumerate(parse_hours("; ".join(entry["hours"])))
            ]
            office.languages = [languages[code] for code in entry["languages"]]
            directory.add_child(instance=office)
            office.save_revision().publish()
        offices[entry["slug"]] = office
    return offices


def load_providers() -> int:
    """Import the providers not yet in the directory; returns how many were created."""
    text = data_file(__file__, "providers.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    existing = set(ServiceProvider.objects.values_list("slug", flat=True))
    new_rows = [row for row in reader if row["slug"] not in existing]
    if not new_rows:
        return 0
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=reader.fieldnames)
    writer.writeheader()
    writer.writerows(new_rows)
    report = import_providers(buffer.getvalue().encode("utf-8"))
    if report.errors:
        problems = "; ".join(f"line {line}: {message}" for line, message in report.errors)
        raise DemoDataError(f"network/demo/providers.csv (its new rows): {problems}")
    return report.created


def load_organisations(offices: dict[str, SupportOfficePage]) -> None:
    for order, entry in enumerate(read_yaml(__file__, "organisations.yaml")):
        PartnerOrganisation.objects.get_or_create(
            name=entry["name"],
            defaults={
                "kind": entry["kind"],
                "role": entry["role"],
                "municipality": entry.get("municipality", ""),
                "website": entry.get("website", ""),
                "office": offices.get(entry.get("office")),
                "sort_order": order,
            },
        )


def load(stdout) -> None:
    languages = load_languages()
    offices = load_offices(languages)
    load_providers()
    load_organisations(offices)
    stdout.write(
        f"  network: {len(offices)} support offices, {ServiceProvider.objects.count()} service "
        f"providers, {PartnerOrganisation.objects.count()} partner organisations (fictional)"
    )
