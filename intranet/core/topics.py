"""The shared topic vocabulary: what migrants ask the support offices about.

Used by the legal updates (as their topics) and by the enquiry log, so that reports can
put "what changed in the law" next to "what people asked about". The slug is the stable
key stored in the database and used in URLs; the label is shown to people, translated.
"""

from django.utils.translation import gettext_lazy as _

TOPICS: list[tuple[str, str]] = [
    ("immigration-procedures", _("Immigration procedures")),
    ("employment", _("Employment")),
    ("housing", _("Housing")),
    ("education", _("Education")),
    ("health", _("Health")),
    ("social-security", _("Social security")),
    ("training", _("Training")),
]

# The same labels in the network's content language (pt-PT), fixed strings for data
# that is stored (tag names), whatever language the person running a migration uses.
TOPIC_NAMES_PT: dict[str, str] = {
    "immigration-procedures": "Procedimentos de imigração",
    "employment": "Emprego",
    "housing": "Habitação",
    "education": "Educação",
    "health": "Saúde",
    "social-security": "Segurança Social",
    "training": "Formação",
}

TOPIC_SLUGS = frozenset(slug for slug, _label in TOPICS)


def topic_label(slug: str) -> str:
    """The translated label of a topic, or the slug itself for an unknown one."""
    return str(dict(TOPICS).get(slug, slug))
