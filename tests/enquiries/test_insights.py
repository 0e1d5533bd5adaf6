"""Insights: totals equal the log, small counts never leave the server (HTML, SVG, CSV),
nothing hidden can be worked out from everything the page publishes, staff see only
their office, and the page costs the same number of queries with 100 or 100,000 rows."""

import datetime
import random
from collections import Counter

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from intranet.core.reports.periods import add_months, month_start, quarter_start
from intranet.enquiries.choices import PROBLEM_OUTCOMES, Outcome
from intranet.enquiries.insights import default_period
from intranet.enquiries.models import Enquiry, OutreachTopic, OutreachVisit
from tests.core.differencing import solvable

from .factories import rows
from .reading import csv_rows, html_tables, insights_html, number

TABLES = [
    "table-by-month",
    "table-topic-office",
    "table-questions",
    "table-by-outcome",
    "table-by-channel",
    "table-referrals",
    "table-problems",
    "table-outreach-month",
    "table-outreach-place",
    "table-outreach-topics",
]


def _random_log(offices, providers, author, seed: int, n: int = 160) -> list[Enquiry]:
    """A log with many small cells: a few busy topics and a long tail."""
    rng = random.Random(seed)
    this_month = month_start(timezone.localdate())
    months = [add_months(this_month, -k) for k in range(12)]
    topics = ["immigration-procedures"] * 6 + ["housing"] * 3 + ["health", "education", "other"]
    subtopics = {
        "immigration-procedures": ["permit-renewal", "aima-appointment", "nationality"],
        "housing": ["renting", "eviction"],
        "health": ["sns-number"],
        "education": ["school-enrolment", ""],
        "other": ["bank-account"],
    }
    outcomes = ["answered"] * 5 + ["referred"] * 3 + ["refused", "long-wait", "language"]
    entries = []
    for _ in range(n):
        topic = rng.choice(topics)
        month = rng.choice(months[:4] * 3 + months)
        day = min(month + datetime.timedelta(days=rng.randint(0, 27)), timezone.localdate())
        outcome = rng.choice(outcomes)
        entries.append(
            Enquiry(
                office=rng.choice([offices["alcacovas"]] * 3 + [offices["cuba"]]),
                author=author,
                date=day,
                channel=rng.choice(["office", "office", "phone", "online", "outreach-work"]),
                topic=topic,
                subtopic=rng.choice(subtopics[topic]),
                outcome=outcome,
                provider=rng.choice(list(providers.values()) + [None])
                if outcome != "answered"
                else None,
            )
        )
    Enquiry.objects.bulk_create(entries)
    visits = [
        OutreachVisit(
            date=rng.choice(months[:6]) + datetime.timedelta(days=2),
            office=offices["alcacovas"],
            municipality="Cuba",
            place_kind=rng.choice(["workplace", "workplace", "leisure", "association"]),
            people_reached=rng.choice([2, 3, 12, 25]),
        )
        for _ in range(9)
    ]
    OutreachVisit.objects.bulk_create(visits)
    OutreachTopic.objects.bulk_create(
        [OutreachTopic(visit=v, topic=rng.choice(["employment", "housing"])) for v in visits]
    )
    return entries


# --- totals -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_totals_equal_the_rows_of_the_log(login, coordinator_user, offices, providers):
    entries = _random_log(offices, providers, coordinator_user, seed=1, n=400)
    html = insights_html(login(coordinator_user))
    tables = html_tables(html)
    assert number(tables["table-by-month"][-1][1]) == len(entries)
    by_month = Counter(month_start(e.date) for e in entries)
    for label, shown in tables["table-by-month"][1:-1]:
        if number(shown) is not None:
            assert number(shown) in by_month.values(), label
    assert f'data-testid="headline-enquiries">{len(entries)}<' in html
    by_outcome = Counter(e.outcome for e in entries)
    outcome_rows = {row[0]: row[1] for row in tables["table-by-outcome"][1:-1]}
    for outcome in Outcome:
        shown = number(outcome_rows[str(outcome.label)])
        assert shown is None or shown == by_outcome[outcome.value]


# --- suppression in every output --------------------------------------------------------


def _check_cells(rows_, truth) -> int:
    """Every shown cell is the true count; every true 1-4 is hidden. Returns how many
    hidden cells the table has."""
    hidden = 0
    for row in rows_:
        for text, true in zip(row, truth(row), strict=False):
            if true is None:
                continue
            if 0 < true < 5:
                assert text == "<5", (row, text, true)
            if number(text) is None:
                hidden += 1
            else:
                assert number(text) == true, (row, text, true)
    return hidden


@pytest.mark.django_db
def test_small_counts_are_hidden_in_the_page_the_charts_and_every_csv(
    login, coordinator_user, offices, providers
):
    entries = _random_log(offices, providers, coordinator_user, seed=2)
    client = login(coordinator_user)
    html = insights_html(client)
    tables = html_tables(html)
    by_channel = Counter(e.get_channel_display() for e in entries)
    hidden = _check_cells(tables["table-by-channel"][1:-1], lambda row: [None, by_channel[row[0]]])
    by_topic_office = Counter((e.get_topic_display(), e.office.place_name) for e in entries)
    header = tables["table-topic-office"][0]
    hidden += _check_cells(
        tables["table-topic-office"][1:-1],
        lambda row: [None, *[by_topic_office[(topic, row[0])] for topic in header[1:-1]]],
    )
    assert hidden, "the data should have small counts to hide"
    # Charts: the bar of a hidden count is not drawn, its label says "<5".
    assert "· &lt;5</tspan></text>" in html
    for key in [t.removeprefix("table-") for t in TABLES]:
        response = client.get(f"/insights/{key}.csv")
        assert response.status_code == 200, key
        assert response["Content-Disposition"].startswith('attachment; filename="atendimentos-')
        assert csv_rows(response)[1:] == [list(row) for row in tables[f"table-{key}"][1:]], key
    assert client.get("/insights/nothing.csv").status_code == 404


# --- the differencing attack ------------------------------------------------------------


def _attack(tables: dict[str, list[list[str]]], months_shown: list[str], quarters) -> set:
    """Every linear relation the published tables have, solved for the hidden cells."""
    unknowns, equations, values = [], [], {}

    def var(name, text):
        value = number(text)
        if value is None and name not in unknowns:
            unknowns.append(name)
        values[name] = value

    def eq(parts, total):
        equation: dict = {}
        for sign, name in [(1, p) for p in parts] + [(-1, total)]:
            if values[name] is None:
                equation[name] = equation.get(name, 0) + sign
            else:
                equation[None] = equation.get(None, 0) + sign * values[name]
        equations.append(equation)

    for key, rows_ in tables.items():
        header, *body = rows_
        footer = body.pop() if key != "table-outreach-topics" else None
        for row in body:
            for c, text in enumerate(row[1:], 1):
                var((key, row[0], c), text)
        if footer:
            for c, text in enumerate(footer[1:], 1):
                var((key, "Total", c), text)
        if key == "table-topic-office":
            for row in body:
                eq(
                    [(key, row[0], c) for c in range(1, len(header) - 1)],
                    (key, row[0], len(header) - 1),
                )
            for c in range(1, len(header)):
                eq([(key, row[0], c) for row in body], (key, "Total", c))
            eq(
                [(key, "Total", c) for c in range(1, len(header) - 1)],
                (key, "Total", len(header) - 1),
            )
        elif footer:
            for c in range(1, len(header)):
                eq([(key, row[0], c) for row in body], (key, "Total", c))
    grand = ("table-by-month", "Total", 1)
    for key in ["table-by-channel", "table-by-outcome"]:
        eq([(key, "Total", 1)], grand)
    eq([("table-topic-office", "Total", len(tables["table-topic-office"][0]) - 1)], grand)
    eq([("table-referrals", "Total", 1)], ("table-by-outcome", str(Outcome.REFERRED.label), 1))
    eq(
        [("table-by-outcome", str(o.label), 1) for o in PROBLEM_OUTCOMES],
        ("table-problems", "Total", 1),
    )
    for column, months in quarters:
        if set(months) <= set(months_shown):
            eq([("table-by-month", m, 1) for m in months], ("table-questions", "Total", column))
    for c in (1, 2):
        eq([("table-outreach-month", "Total", c)], ("table-outreach-place", "Total", c))
    return solvable(unknowns, equations)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [3, 4, 5, 6])
def test_no_hidden_cell_can_be_worked_out_from_the_page_or_its_csv(
    login, coordinator_user, offices, providers, seed
):
    from intranet.core.reports.periods import month_label

    _random_log(offices, providers, coordinator_user, seed=seed)
    client = login(coordinator_user)
    tables = html_tables(insights_html(client))
    assert set(TABLES) <= set(tables)
    csv_tables = {key: csv_rows(client.get(f"/insights/{key[6:]}.csv")) for key in TABLES}
    this_q = quarter_start(timezone.localdate())
    today_month = month_start(timezone.localdate())
    quarters = []
    from django.utils import translation

    with translation.override("en"):
        for column, start in [(1, add_months(this_q, -3)), (2, this_q)]:
            months = [add_months(start, k) for k in range(3)]
            quarters.append((column, [month_label(m) for m in months if m <= today_month]))
    months_shown = [row[0] for row in tables["table-by-month"][1:-1]]
    hidden = sum(
        number(cell) is None for rows_ in tables.values() for row in rows_[1:] for cell in row[1:]
    )
    assert hidden > 3
    assert _attack(tables, months_shown, quarters) == set()
    assert _attack(csv_tables, months_shown, quarters) == set()


# --- who sees what --------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_see_their_own_office_whatever_they_ask(
    login, staff_at_alcacovas, staff_at_cuba, offices
):
    Enquiry.objects.bulk_create(rows(offices["alcacovas"], 12) + rows(offices["cuba"], 30))
    client = login(staff_at_alcacovas)
    for query in ["", f"?office={offices['cuba'].pk}"]:
        html = insights_html(client, query)
        assert 'data-testid="headline-enquiries">12<' in html
        assert "table-topic-office" not in html
        assert 'data-testid="table-by-topic"' in html
    csv_text = client.get(f"/insights/by-month.csv?office={offices['cuba'].pk}").content.decode()
    assert csv_text.splitlines()[-1] == "Total,12"
    html = login(staff_at_cuba).get("/insights/").content.decode()
    assert 'data-testid="headline-enquiries">30<' in html


@pytest.mark.django_db
def test_coordinators_filter_by_office_topic_and_months(login, coordinator_user, offices):
    this_month = month_start(timezone.localdate())
    old = add_months(this_month, -5)
    Enquiry.objects.bulk_create(
        rows(offices["alcacovas"], 12, topic="housing")
        + rows(offices["cuba"], 7, topic="health")
        + rows(offices["cuba"], 9, topic="health", day=old)
    )
    client = login(coordinator_user)
    assert 'headline-enquiries">28<' in client.get("/insights/").content.decode()
    html = client.get(f"/insights/?office={offices['cuba'].pk}").content.decode()
    assert 'headline-enquiries">16<' in html
    html = client.get("/insights/?topic=housing").content.decode()
    assert 'headline-enquiries">12<' in html
    html = client.get(
        f"/insights/?start={this_month:%Y-%m}&end={this_month:%Y-%m}"
    ).content.decode()
    assert 'headline-enquiries">19<' in html
    response = client.get("/insights/?start=2020-01&end=2023-12")
    assert "end" in response.context["form"].errors


@pytest.mark.django_db
def test_a_staff_member_without_an_office_is_told_to_set_it(login, staff_user, offices):
    html = login(staff_user).get("/insights/").content.decode()
    assert 'data-testid="insights-no-office"' in html
    assert "headline-enquiries" not in html


# --- aggregation in the database -------------------------------------------------------


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_with_100_or_100000_enquiries(
    login, coordinator_user, offices, providers
):
    client = login(coordinator_user)

    def bulk(n):
        rng = random.Random(n)
        today = timezone.localdate()
        # Within the default period (the last twelve months, this one included), whatever
        # the day of the month: on the 1st it spans only 335 days.
        span = (today - default_period(today)[0]).days
        Enquiry.objects.bulk_create(
            [
                Enquiry(
                    office=offices["alcacovas" if i % 3 else "cuba"],
                    date=today - datetime.timedelta(days=rng.randint(0, span)),
                    channel=rng.choice(["office", "phone", "online"]),
                    topic=rng.choice(["housing", "health", "employment", "immigration-procedures"]),
                    subtopic="",
                    outcome=rng.choice(["answered", "referred", "refused", "long-wait"]),
                    provider_id=rng.choice([p.pk for p in providers.values()]),
                )
                for i in range(n)
            ],
            batch_size=5000,
        )

    bulk(100)
    client.get("/insights/")
    cache.clear()  # the page as built, not from the cache (see test_query_budgets)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/insights/").status_code == 200
    bulk(99_900)  # bulk_create sends no signal: the cached insights would not know
    assert Enquiry.objects.count() == 100_000
    # Inserting takes over a minute on a busy machine: a request first refreshes the
    # idle-session clock (3 queries once a minute), so the one measured does not.
    client.get("/insights/")
    cache.clear()  # the page as built, not from the cache (see test_query_budgets)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/insights/")
    assert 'headline-enquiries">100000<' in response.content.decode()
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


@pytest.mark.django_db
def test_the_attack_does_find_a_cell_hidden_without_secondary_suppression(
    login, coordinator_user, offices, providers
):
    """So that the attack above is not vacuous: reveal every hidden count of the channel
    table but one small count, as a naive report would, and the attack finds it."""
    entries = _random_log(offices, providers, coordinator_user, seed=3)
    entries += Enquiry.objects.bulk_create(rows(offices["cuba"], 3, channel="other"))
    tables = html_tables(insights_html(login(coordinator_user)))
    truth = Counter(e.get_channel_display() for e in entries)
    channel_rows = tables["table-by-channel"]
    small = [row for row in channel_rows[1:-1] if row[1] == "<5"]
    assert small
    for row in channel_rows[1:-1]:
        if row is not small[0]:
            row[1] = str(truth[row[0]])
    channel_rows[-1][1] = str(len(entries))
    found = _attack(tables, [row[0] for row in tables["table-by-month"][1:-1]], [])
    assert ("table-by-channel", small[0][0], 1) in found


# --- a national network -----------------------------------------------------------------


@pytest.mark.django_db
def test_with_many_offices_the_busiest_are_shown_and_the_rest_are_one_column(
    login, coordinator_user
):
    from intranet.enquiries.insights import TOP_OFFICES
    from tests.network.factories import SupportOfficeFactory

    from .factories import rows

    offices = [
        SupportOfficeFactory(title=f"Gabinete de Apoio de Lugar {n:02d}", slug=f"lugar-{n:02d}")
        for n in range(TOP_OFFICES + 3)
    ]
    entries = []
    for n, office in enumerate(offices):
        entries += rows(office, 10 + n, topic="housing")
    Enquiry.objects.bulk_create(entries)
    tables = html_tables(insights_html(login(coordinator_user)))
    header, *body, footer = tables["table-topic-office"]
    # The busiest offices by name, then one row for the others; topics across.
    busiest = [f"Lugar {n:02d}" for n in range(3, TOP_OFFICES + 3)]
    assert [row[0] for row in body] == [*busiest, "Other offices"]
    assert number(body[-1][-1]) == 10 + 11 + 12
    assert number(footer[-1]) == len(entries)
    assert number(footer[header.index("Housing")]) == len(entries)
