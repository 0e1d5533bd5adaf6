"""The closed lists of the enquiry log. Coarse on purpose: bands, never exact values, so
that no entry can single a person out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    OFFICE = "office", _("At the office")
    OUTREACH_WORK = "outreach-work", _("Outreach at a workplace")
    OUTREACH_LEISURE = "outreach-leisure", _("Outreach at a leisure place")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online message")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Answered on the spot")
    REFERRED = "referred", _("Referred to a service")
    UNAVAILABLE = "unavailable", _("Service unavailable")
    LONG_WAIT = "long-wait", _("Long wait")
    LANGUAGE = "language", _("Language barrier")
    DOCUMENTS = "documents", _("Documents missing")
    REFUSED = "refused", _("Refused")
    PENDING = "pending", _("Pending")


# Outcomes that say a service failed someone: the evidence of a service gap.
PROBLEM_OUTCOMES = [
    Outcome.UNAVAILABLE,
    Outcome.LONG_WAIT,
    Outcome.LANGUAGE,
    Outcome.DOCUMENTS,
    Outcome.REFUSED,
]


class AgeBand(models.TextChoices):
    UNDER_18 = "under-18", _("Under 18")
    FROM_18 = "18-29", _("18 to 29")
    FROM_30 = "30-44", _("30 to 44")
    FROM_45 = "45-64", _("45 to 64")
    FROM_65 = "65-plus", _("65 or over")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """Continent-level only: a nationality in a village of 500 people names someone."""

    EUROPE_EU = "europe-eu", _("Europe (European Union)")
    EUROPE_OTHER = "europe-other", _("Europe (outside the EU)")
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    AMERICAS = "americas", _("Americas")
    OCEANIA = "oceania", _("Oceania")


class TimeInPortugal(models.TextChoices):
    UNDER_6_MONTHS = "under-6m", _("Less than 6 months")
    UNDER_1_YEAR = "6-12m", _("6 to 12 months")
    UNDER_3_YEARS = "1-3y", _("1 to 3 years")
    UNDER_5_YEARS = "3-5y", _("3 to 5 years")
    OVER_5_YEARS = "5y-plus", _("More than 5 years")


class PlaceKind(models.TextChoices):
    WORKPLACE = "workplace", _("Workplace")
    LEISURE = "leisure", _("Leisure place")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


# The channel an enquiry logged during an outreach visit gets by default.
CHANNEL_FOR_PLACE = {
    PlaceKind.WORKPLACE: Channel.OUTREACH_WORK,
    PlaceKind.LEISURE: Channel.OUTREACH_LEISURE,
    PlaceKind.ASSOCIATION: Channel.OUTREACH_LEISURE,
    PlaceKind.OTHER: Channel.OTHER,
}


class GapStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RAISED = "raised", _("Raised with the service")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the service")
    RESOLVED = "resolved", _("Resolved")
    NO_RESPONSE = "no-response", _("No response")


# Where a gap may go next. "No response" can be raised again (a reminder) or answered late.
GAP_TRANSITIONS = {
    GapStatus.DRAFT: [GapStatus.RAISED],
    GapStatus.RAISED: [GapStatus.ACKNOWLEDGED, GapStatus.NO_RESPONSE, GapStatus.RESOLVED],
    GapStatus.ACKNOWLEDGED: [GapStatus.RESOLVED, GapStatus.NO_RESPONSE],
    GapStatus.NO_RESPONSE: [GapStatus.RAISED, GapStatus.ACKNOWLEDGED, GapStatus.RESOLVED],
    GapStatus.RESOLVED: [],
}
OPEN_GAP_STATUSES = [
    GapStatus.DRAFT,
    GapStatus.RAISED,
    GapStatus.ACKNOWLEDGED,
    GapStatus.NO_RESPONSE,
]
