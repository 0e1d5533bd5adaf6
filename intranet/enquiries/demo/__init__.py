"""Demo enquiry log (fictional): a year of enquiries across the eight offices, outreach
visits to farms, packing plants, cafés and associations, and three service gaps in
different states, so that the insights show real charts after ``make run``.

The enquiries are generated from the weights in ``enquiries.yaml`` with a seeded random
generator and bulk-inserted. Every generated row has a fixed ``client_id``, so running the
loader again adds nothing.
"""

import datetime
import random
import uuid
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.utils import timezone

from intranet.core.demo import read_yaml
from intranet.core.reports.periods import add_months, month_start
from intranet.people.services import colleagues
from network.models import ServiceProvider, SupportOfficePage

from ..choices import CHANNEL_FOR_PLACE, GapStatus, Outcome
from ..models import (
    Enquiry,
    NetworkContact,
    OutreachTopic,
    OutreachVisit,
    ServiceGap,
    ServiceGapEvent,
)

SEED = 11
BASE_ENQUIRIES = 1330
VISITS = 120
DAYS = 365
NAMESPACE = uuid.UUID("6f1d3a52-0b7e-4d0c-9a58-51e6a1f0c011")


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _moment(day: datetime.date, rng: random.Random, now: datetime.datetime) -> datetime.datetime:
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(9, 19), rng.randint(0, 59)))
    )
    return min(moment, now)


class _Generator:
    def __init__(self, data: dict, offices: dict):
        self.data = data
        self.offices = offices
        self.rng = random.Random(SEED)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.days = [self.today - datetime.timedelta(days=n) for n in range(DAYS)]
        self.providers = list(
            ServiceProvider.objects.values("pk", "slug", "category", "municipality")
        )
        self.provider_ids = {p["slug"]: p["pk"] for p in self.providers}
        self.authors = {
            slug: list(colleagues(office).order_by("pk")) for slug, office in offices.items()
        }
        fallback = list(colleagues().order_by("pk")[:1])
        for slug in offices:
            self.authors[slug] = self.authors[slug] or fallback
        self.count = 0

    def _day(self, topic: str, months: int | None = None) -> datetime.date:
        days = self.days
        if months:
            start = add_months(month_start(self.today), -(months - 1))
            days = [d for d in days if d >= start]
        season = self.data["farm_season"]
        weights = [
            (season[d.month] if topic == "employment" else 1.0) * (0.15 if d.weekday() == 6 else 1)
            for d in days
        ]
        return self.rng.choices(days, weights=weights)[0]

    def _provider(self, topic: str, office: SupportOfficePage, outcome: str) -> int | None:
        if outcome in (Outcome.ANSWERED, Outcome.PENDING) and self.rng.random() < 0.7:
            return None
        categories = self.data["referral_categories"][topic]
        candidates = [p for p in self.providers if p["category"] in categories]
        local = [p for p in candidates if p["municipality"] == office.municipality]
        pool = local if local and self.rng.random() < 0.7 else candidates
        return self.rng.choice(pool)["pk"] if pool else None

    def enquiry(self, office_slug: str, **fields) -> Enquiry:
        rng, data = self.rng, self.data
        office = self.offices[office_slug]
        topic = fields.pop("topic", None) or _pick(rng, data["topics"])
        subtopic = fields.pop("subtopic", None) or _pick(rng, data["subtopics"][topic])
        outcome = fields.pop("outcome", None) or _pick(rng, data["outcomes"])
        day = fields.pop("date", None) or self._day(topic, fields.pop("months", None))
        provider_id = fields.pop("provider_id", "unset")
        if provider_id == "unset":
            provider_id = self._provider(topic, office, outcome)
        self.count += 1
        return Enquiry(
            client_id=uuid.uuid5(NAMESPACE, f"enquiry-{self.count}"),
            date=day,
            office=office,
            author=rng.choice(self.authors[office_slug]),
            channel=fields.pop("channel", None) or _pick(rng, data["channels"]),
            topic=topic,
            subtopic=subtopic,
            provider_id=provider_id,
            outcome=outcome,
            follow_up=outcome in (Outcome.PENDING, Outcome.REFERRED) and rng.random() < 0.5,
            people=rng.choices([1, 2, 3, 4, 5], weights=[70, 12, 8, 6, 4])[0],
            age_band=rng.choice(["", "18-29", "30-44", "30-44", "45-64"]),
            sex=rng.choice(["", "female", "male", "male"]),
            region=rng.choice(["", "europe-other", "europe-other", "asia", "asia", "africa"]),
            time_in_portugal=rng.choice(["", "under-6m", "6-12m", "1-3y", "3-5y", "5y-plus"]),
            note=rng.choice(data["notes"]) if rng.random() < 0.12 else "",
            created_at=_moment(day, rng, self.now),
            **fields,
        )

    def enquiries(self) -> list[Enquiry]:
        offices = {slug: w for slug, w in self.data["offices"].items() if slug in self.offices}
        rows = [self.enquiry(_pick(self.rng, offices)) for _ in range(BASE_ENQUIRIES)]
        for pattern in self.data["patterns"]:
            pattern_offices = [o for o in pattern["offices"] if o in self.offices]
            provider_id = self.provider_ids.get(pattern["provider"])
            if not pattern_offices or provider_id is None:
                continue
            for _ in range(pattern["count"]):
                rows.append(
                    self.enquiry(
                        self.rng.choice(pattern_offices),
                        topic=pattern["topic"],
                        subtopic=pattern["subtopic"],
                        outcome=pattern["outcome"],
                        provider_id=provider_id,
                        months=pattern["months"],
                    )
                )
        return rows

    def visits(self) -> list[tuple[OutreachVisit, list[str]]]:
        rng, visits = self.rng, []
        by_municipality: dict[str, list[str]] = {}
        for slug, office in self.offices.items():
            by_municipality.setdefault(office.municipality, []).append(slug)
        places = [p for p in self.data["outreach_places"] if p[2] in by_municipality]
        for number in range(VISITS):
            kind, place, municipality, topics, reached, months = rng.choice(places)
            days = [d for d in self.days if d.month in months] or self.days
            day = rng.choice(days)
            office_slug = rng.choice(by_municipality[municipality])
            visit = OutreachVisit(
                client_id=uuid.uuid5(NAMESPACE, f"visit-{number}"),
                date=day,
                office=self.offices[office_slug],
                author=rng.choice(self.authors[office_slug]),
                municipality=municipality,
                place_kind=kind,
                place=place,
                people_reached=rng.randint(*reached),
                created_at=_moment(day, rng, self.now),
            )
            visits.append((visit, rng.sample(topics, rng.randint(1, len(topics)))))
        return visits

    def enquiries_at(self, visit: OutreachVisit, topics: Sequence[str]) -> list[Enquiry]:
        office_slug = next(s for s, o in self.offices.items() if o.pk == visit.office_id)
        return [
            self.enquiry(
                office_slug,
                topic=self.rng.choice(list(topics)),
                date=visit.date,
                channel=CHANNEL_FOR_PLACE[visit.place_kind],
                outreach_visit=visit,
            )
            for _ in range(self.rng.choice([0, 0, 1, 1, 2, 3]))
        ]


def _gaps(data: dict, today: datetime.date) -> int:
    users = {u.username: u for u in User.objects.filter(username__in=_usernames(data))}
    offices = {o.slug: o for o in SupportOfficePage.objects.all()}
    providers = {p.slug: p for p in ServiceProvider.objects.all()}
    made = 0
    for spec in data["service_gaps"]:
        provider = providers.get(spec["provider"])
        if provider is None or ServiceGap.objects.filter(provider=provider, title=spec["title"]):
            continue
        trail = spec["trail"]
        gap = ServiceGap.objects.create(
            provider=provider,
            title=spec["title"],
            description=spec["description"],
            period_start=add_months(month_start(today), -(spec["months"] - 1)),
            period_end=today,
            outcomes=spec["outcomes"],
            topic=spec["topic"],
            status=trail[-1][0],
            proposed_by=users.get(spec["proposed_by"]),
            office=offices.get(spec["office"]),
            created_at=timezone.now() - datetime.timedelta(days=trail[0][1]),
        )
        for status, days_ago, username, note in trail:
            date = today - datetime.timedelta(days=days_ago)
            ServiceGapEvent.objects.create(
                gap=gap,
                status=GapStatus(status),
                date=date,
                by=users.get(username),
                note=note,
                recorded_at=timezone.make_aware(datetime.datetime.combine(date, datetime.time(10))),
            )
        made += 1
    return made


def _usernames(data: dict) -> set[str]:
    names = {spec["proposed_by"] for spec in data["service_gaps"]}
    return names | {step[2] for spec in data["service_gaps"] for step in spec["trail"]}


def load(stdout) -> None:
    data = read_yaml(__file__, "enquiries.yaml")
    offices = {o.slug: o for o in SupportOfficePage.objects.filter(slug__in=data["offices"])}
    if not offices:
        stdout.write("  enquiries: no support offices yet, nothing to log")
        return
    generator = _Generator(data, offices)
    visits = generator.visits()
    visits_before = OutreachVisit.objects.count()
    OutreachVisit.objects.bulk_create([v for v, _t in visits], ignore_conflicts=True)
    stored = {
        v.client_id: v
        for v in OutreachVisit.objects.filter(client_id__in=[v.client_id for v, _t in visits])
    }
    OutreachTopic.objects.bulk_create(
        [OutreachTopic(visit=stored[v.client_id], topic=t) for v, topics in visits for t in topics],
        ignore_conflicts=True,
    )
    enquiries = generator.enquiries()
    for visit, topics in visits:
        enquiries += generator.enquiries_at(stored[visit.client_id], topics)
    before = Enquiry.objects.count()
    Enquiry.objects.bulk_create(enquiries, ignore_conflicts=True, batch_size=500)
    added = Enquiry.objects.count() - before
    gaps = _gaps(data, generator.today)
    contact = NetworkContact.load()
    if not contact.signatory:
        contact.signatory = "Marta Gonçalves, coordenadora da rede Sem Fronteiras"
        contact.save()
    stdout.write(
        f"  enquiries: {added} enquiries, {OutreachVisit.objects.count() - visits_before} "
        f"outreach visits, {gaps} service gaps"
    )
