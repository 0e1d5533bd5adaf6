"""The enquiry log at national scale (``seed_scale``): two years of anonymous enquiries in
every office, with the demo's weights for topics, questions, channels and outcomes
(``enquiries.yaml``), outreach visits and service gaps. Inserted in chunks, with progress."""

import datetime
from collections import defaultdict

from django.utils import timezone

from intranet.core.demo import read_yaml
from intranet.core.scale import ScaleRun, deferred_indexes
from intranet.people.services import colleagues
from network.models import ServiceProvider, SupportOfficePage

from ..choices import CHANNEL_FOR_PLACE, GapStatus, Outcome, PlaceKind
from ..models import Enquiry, OutreachTopic, OutreachVisit, ServiceGap, ServiceGapEvent

ENQUIRIES_PER_FACTOR = 2000
VISITS_PER_FACTOR = 60
GAPS_PER_FACTOR = 2
DAYS = 730
CHUNK = 20_000
PROBLEMS = [Outcome.UNAVAILABLE, Outcome.LONG_WAIT, Outcome.LANGUAGE, Outcome.REFUSED]


class _Weighted:
    """``rng.choices`` over a fixed table, with the cumulative weights worked out once."""

    def __init__(self, weights: dict):
        self.values = list(weights)
        self.cumulative = []
        total = 0.0
        for weight in weights.values():
            total += weight
            self.cumulative.append(total)

    def pick(self, rng):
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


def seed(run: ScaleRun) -> None:
    offices = list(SupportOfficePage.objects.values_list("pk", "municipality"))
    authors = defaultdict(list)
    for user_id, office_id in colleagues().values_list("pk", "office_id"):
        authors[office_id].append(user_id)
    if not offices or not authors:
        run.say("enquiries: no offices or nobody on staff, nothing logged")
        return
    data = read_yaml(__file__.replace("scale.py", "__init__.py"), "enquiries.yaml")
    rng = run.rng("enquiries")
    topics = _Weighted(data["topics"])
    subtopics = {topic: _Weighted(w) for topic, w in data["subtopics"].items()}
    channels = _Weighted(data["channels"])
    outcomes = _Weighted(data["outcomes"])
    providers = defaultdict(list)
    local = defaultdict(list)
    for pk, category, municipality in ServiceProvider.objects.values_list(
        "pk", "category", "municipality"
    ):
        providers[category].append(pk)
        local[category, municipality].append(pk)
    everyone = [pk for people in authors.values() for pk in people]
    today = timezone.localdate()
    now = timezone.now()

    def provider_for(topic, municipality, outcome):
        if outcome in (Outcome.ANSWERED, Outcome.PENDING) and rng.random() < 0.7:
            return None
        category = rng.choice(data["referral_categories"][topic])
        pool = local[category, municipality] if rng.random() < 0.7 else None
        pool = pool or providers[category]
        return rng.choice(pool) if pool else None

    def enquiry(office_id, municipality, day, **fields):
        topic = fields.pop("topic", None) or topics.pick(rng)
        outcome = outcomes.pick(rng)
        created = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randint(9, 19), rng.randint(0, 59)))
        )
        return Enquiry(
            date=day,
            office_id=office_id,
            author_id=rng.choice(authors.get(office_id) or everyone),
            channel=fields.pop("channel", None) or channels.pick(rng),
            topic=topic,
            subtopic=subtopics[topic].pick(rng),
            provider_id=provider_for(topic, municipality, outcome),
            outcome=outcome,
            follow_up=outcome in (Outcome.PENDING, Outcome.REFERRED) and rng.random() < 0.5,
            people=rng.choices([1, 2, 3, 4, 5], weights=[70, 12, 8, 6, 4])[0],
            age_band=rng.choice(["", "18-29", "30-44", "30-44", "45-64"]),
            sex=rng.choice(["", "female", "male", "male"]),
            region=rng.choice(["", "europe-other", "europe-other", "asia", "asia", "africa"]),
            time_in_portugal=rng.choice(["", "under-6m", "6-12m", "1-3y", "3-5y", "5y-plus"]),
            created_at=min(created, now),
            **fields,
        )

    # Outreach visits first: some enquiries are logged on the spot.
    visits, visit_topics = [], []
    kinds = [k for k, _label in PlaceKind.choices]
    for _n in range(run.count(VISITS_PER_FACTOR)):
        office_id, municipality = rng.choice(offices)
        day = today - datetime.timedelta(days=rng.randint(0, DAYS - 1))
        visit = OutreachVisit(
            date=day,
            office_id=office_id,
            author_id=rng.choice(authors.get(office_id) or everyone),
            municipality=municipality,
            place_kind=rng.choice(kinds),
            place=rng.choice(["exploração agrícola", "central fruteira", "café", "associação"]),
            people_reached=rng.randint(3, 40),
            created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(16))),
        )
        visits.append(visit)
    OutreachVisit.objects.bulk_create(visits, batch_size=2000)
    for visit in visits:
        for topic in rng.sample(list(subtopics), rng.randint(1, 3)):
            visit_topics.append(OutreachTopic(visit=visit, topic=topic))
    OutreachTopic.objects.bulk_create(visit_topics, batch_size=5000)

    with deferred_indexes(Enquiry):
        wanted = run.count(ENQUIRIES_PER_FACTOR)
        made, chunk = 0, []
        municipalities = dict(offices)
        for visit in visits:
            for _n in range(rng.choice([0, 1, 1, 2])):
                chunk.append(
                    enquiry(
                        visit.office_id,
                        municipalities[visit.office_id],
                        visit.date,
                        channel=CHANNEL_FOR_PLACE[visit.place_kind],
                        outreach_visit=visit,
                    )
                )
        while made + len(chunk) < wanted:
            office_id, municipality = rng.choice(offices)
            day = today - datetime.timedelta(days=rng.randint(0, DAYS - 1))
            chunk.append(enquiry(office_id, municipality, day))
            if len(chunk) >= CHUNK:
                Enquiry.objects.bulk_create(chunk, batch_size=2000)
                made += len(chunk)
                chunk = []
                run.say(f"enquiries: {made:,} of {wanted:,}")
        Enquiry.objects.bulk_create(chunk, batch_size=2000)
        made += len(chunk)

    gaps, events = [], []
    provider_ids = [pk for pks in providers.values() for pk in pks]
    for n in range(run.count(GAPS_PER_FACTOR) if provider_ids else 0):
        office_id, _municipality = rng.choice(offices)
        status = rng.choice([s for s, _label in GapStatus.choices])
        started = today - datetime.timedelta(days=rng.randint(30, 300))
        gaps.append(
            ServiceGap(
                provider_id=rng.choice(provider_ids),
                title=f"Atendimento recusado ou sem resposta ({n + 1})",
                description="Pessoas encaminhadas voltam sem atendimento. Dados de escala.",
                period_start=started - datetime.timedelta(days=180),
                period_end=started,
                outcomes=[str(rng.choice(PROBLEMS))],
                status=status,
                proposed_by_id=rng.choice(everyone),
                office_id=office_id,
            )
        )
    ServiceGap.objects.bulk_create(gaps)
    for gap in gaps:
        events.append(ServiceGapEvent(gap=gap, status=GapStatus.DRAFT, date=gap.period_end))
        if gap.status != GapStatus.DRAFT:
            events.append(ServiceGapEvent(gap=gap, status=gap.status, date=today))
    ServiceGapEvent.objects.bulk_create(events)
    run.made("enquiries", made)
    run.made("outreach visits", len(visits))
    run.say(f"enquiries: {made:,} enquiries, {len(visits):,} outreach visits, {len(gaps)} gaps")
