"""The insights page's tables and charts, made from the suppressed numbers only (the same
``Table`` is the HTML table, the CSV file and, where printed, the PDF)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from intranet.core.reports import (
    SECONDARY_NOTE,
    Count,
    Link,
    SuppressedGrid,
    Table,
    bar_chart,
    columns,
    line_chart,
)
from intranet.core.reports.periods import month_label, quarter_label
from intranet.core.topics import ENQUIRY_TOPICS, subtopic_label, topic_label

from .choices import Channel, Outcome, PlaceKind

OTHERS, NONE = "others", "none"


@dataclass
class Section:
    key: str
    table: Table
    charts: list = field(default_factory=list)  # (chart, "bar" | "line", element id)


@dataclass
class Question:
    key: str  # "topic:subtopic"
    label: str
    this_quarter: Count
    last_quarter: Count


def question_label(key: str) -> str:
    topic, subtopic = key.split(":")
    if subtopic:
        return subtopic_label(subtopic)
    return _("%(topic)s (no detail)") % {"topic": topic_label(topic)}


def _notes(*grids: SuppressedGrid) -> list[str]:
    return [str(SECONDARY_NOTE)] if any(g.has_secondary for g in grids) else []


def _series_table(key, caption, label, heading, grid, labels, *, total=True) -> Table:
    rows = [[labels(k), grid.cell(k, "n")] for k in grid.row_keys]
    return Table(
        caption=caption,
        columns=columns(label, heading, numeric_from=1),
        rows=rows,
        footer=[[_("Total"), grid.total]] if total else [],
        notes=_notes(grid),
        testid=f"table-{key}",
    )


def _bar(title, grid, labels, key) -> tuple:
    items = [(labels(k), grid.cell(k, "n")) for k in grid.row_keys]
    return (bar_chart(title, items, testid=f"chart-{key}"), "bar")


def _service_label(providers):
    def label(key):
        if key == OTHERS:
            return _("Other services")
        if key == NONE:
            return _("No service recorded")
        provider = providers.get(key)
        return Link(provider.name, provider.get_absolute_url()) if provider else str(key)

    return label


def sections_for(page, result) -> tuple[dict[str, Section], list[Question]]:
    sections: dict[str, Section] = {}

    def add(key, table, *charts):
        ids = [f"{key}-chart-{i}" for i in range(len(charts))]
        sections[key] = Section(key, table, [(*c, i) for c, i in zip(charts, ids, strict=True)])

    enquiries = _("Enquiries")
    grid = result.grid("by-month")
    add(
        "by-month",
        _series_table(
            "by-month", _("Enquiries by month"), _("Month"), enquiries, grid, month_label
        ),
        (
            line_chart(
                _("Enquiries by month"),
                [(month_label(m, short=True), grid.cell(m, "n")) for m in grid.row_keys],
                testid="chart-by-month",
            ),
            "line",
        ),
    )
    if "topic-office" in page.sheet._tables:
        grid = result.grid("topic-office")
        offices = {o.pk: o.place_name for o in page.offices} | {OTHERS: _("Other offices")}
        # Offices down, topics across: thirteen office rows and ten columns read at
        # 1280 px without scrolling, where fourteen office columns did not.
        table = Table(
            caption=_("Enquiries by office and topic"),
            columns=columns(
                _("Office"),
                *[topic_label(t) for t in grid.row_keys],
                _("Total"),
                numeric_from=1,
            ),
            rows=[
                [offices[pk], *[grid.cell(t, pk) for t in grid.row_keys], grid.column_totals[pk]]
                for pk in grid.column_keys
            ],
            footer=[[_("Total"), *[grid.row_totals[t] for t in grid.row_keys], grid.total]],
            notes=_notes(grid),
            testid="table-topic-office",
        )
        by_topic = [(topic_label(t), grid.row_totals[t]) for t in grid.row_keys]
        by_office = [(offices[pk], grid.column_totals[pk]) for pk in grid.column_keys]
        add(
            "topic-office",
            table,
            (bar_chart(_("Enquiries by topic"), by_topic, testid="chart-by-topic"), "bar"),
            (bar_chart(_("Enquiries by office"), by_office, testid="chart-by-office"), "bar"),
        )
    else:
        grid = result.grid("by-topic")
        table = _series_table(
            "by-topic", _("Enquiries by topic"), _("Topic"), enquiries, grid, topic_label
        )
        add("by-topic", table, _bar(_("Enquiries by topic"), grid, topic_label, "by-topic"))
    for key, caption, label, choices in [
        ("by-channel", _("Enquiries by channel"), _("Channel"), Channel),
        ("by-outcome", _("Enquiries by outcome"), _("Outcome"), Outcome),
    ]:
        grid, labels = result.grid(key), dict(choices.choices)
        add(
            key,
            _series_table(key, caption, label, enquiries, grid, labels.get),
            _bar(caption, grid, labels.get, key),
        )
    service = _service_label(page.providers)
    for key, caption, heading in [
        ("referrals", _("Referrals by service"), _("Referrals")),
        ("problems", _("Where services failed people"), _("Enquiries")),
    ]:
        grid = result.grid(key)
        table = _series_table(key, caption, _("Service"), heading, grid, service)
        if key == "problems":
            table.notes.insert(
                0,
                _("Outcomes counted: %(outcomes)s.")
                % {
                    "outcomes": ", ".join(
                        str(o.label).lower()
                        for o in Outcome
                        if o not in (Outcome.ANSWERED, Outcome.REFERRED, Outcome.PENDING)
                    )
                },
            )
        add(key, table, _bar(caption, grid, lambda k: str(service(k)), key))
    questions = _questions(page, result, add)
    _outreach(result, add)
    return sections, questions


def _questions(page, result, add) -> list[Question]:
    this_grid, last_grid = result.grid("q-this"), result.grid("q-last")
    this_q, last_q = page.quarters

    def label(key):
        return _("Other questions") if key == OTHERS else question_label(key)

    keys = this_grid.row_keys
    table = Table(
        caption=_("Top questions, this quarter against the last"),
        columns=columns(
            _("Question"), quarter_label(last_q), quarter_label(this_q), numeric_from=1
        ),
        rows=[[label(k), last_grid.cell(k, "n"), this_grid.cell(k, "n")] for k in keys],
        footer=[[_("Total"), last_grid.total, this_grid.total]],
        notes=_notes(this_grid, last_grid),
        testid="table-questions",
        empty_text=_("No enquiries this quarter yet."),
    )
    chart = bar_chart(
        _("Top questions this quarter"),
        [(label(k), this_grid.cell(k, "n")) for k in keys],
        testid="chart-questions",
    )
    add("questions", table, (chart, "bar"))
    return [
        Question(k, label(k), this_grid.cell(k, "n"), last_grid.cell(k, "n"))
        for k in keys
        if k != OTHERS
    ]


def _outreach(result, add) -> None:
    visits_month, people_month = (
        result.grid("outreach-visits-month"),
        result.grid("outreach-people-month"),
    )
    add(
        "outreach-month",
        Table(
            caption=_("Outreach by month"),
            columns=columns(_("Month"), _("Visits"), _("People reached"), numeric_from=1),
            rows=[
                [month_label(m), visits_month.cell(m, "n"), people_month.cell(m, "n")]
                for m in visits_month.row_keys
            ],
            footer=[[_("Total"), visits_month.total, people_month.total]],
            notes=_notes(visits_month, people_month),
            testid="table-outreach-month",
        ),
        (
            line_chart(
                _("People reached by outreach, by month"),
                [
                    (month_label(m, short=True), people_month.cell(m, "n"))
                    for m in people_month.row_keys
                ],
                testid="chart-outreach-month",
            ),
            "line",
        ),
    )
    visits_place, people_place = (
        result.grid("outreach-visits-place"),
        result.grid("outreach-people-place"),
    )
    kinds = dict(PlaceKind.choices)
    add(
        "outreach-place",
        Table(
            caption=_("Outreach by kind of place"),
            columns=columns(_("Kind of place"), _("Visits"), _("People reached"), numeric_from=1),
            rows=[
                [kinds[k], visits_place.cell(k, "n"), people_place.cell(k, "n")]
                for k in visits_place.row_keys
            ],
            footer=[[_("Total"), visits_place.total, people_place.total]],
            notes=_notes(visits_place, people_place),
            testid="table-outreach-place",
        ),
        _bar(_("People reached, by kind of place"), people_place, kinds.get, "outreach-place"),
    )
    topics = result.grid("outreach-topics")
    labels = dict(ENQUIRY_TOPICS)
    add(
        "outreach-topics",
        _series_table(
            "outreach-topics",
            _("Topics raised during outreach"),
            _("Topic"),
            _("Visits"),
            topics,
            lambda k: str(labels[k]),
            total=False,
        ),
        _bar(
            _("Topics raised during outreach"), topics, lambda k: str(labels[k]), "outreach-topics"
        ),
    )
