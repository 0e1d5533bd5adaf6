"""The shared topic vocabulary: what migrants ask the support offices about.

Used by the legal updates (as their topics) and by the enquiry log, so that reports can
put "what changed in the law" next to "what people asked about". The slug is the stable
key stored in the database and used in URLs; the label is shown to people, translated.

``TOPICS`` are the legal updates' tags (made by a data migration: do not rename a slug).
The enquiry log uses ``ENQUIRY_TOPICS``, the same list plus "other" (a question no legal
update is about), and ``SUBTOPICS``: the usual questions under each topic, so that
insights can show the top questions, not only the top topics.
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

OTHER = "other"
ENQUIRY_TOPICS: list[tuple[str, str]] = [*TOPICS, (OTHER, _("Other"))]
ENQUIRY_TOPIC_SLUGS = frozenset(slug for slug, _label in ENQUIRY_TOPICS)

SUBTOPICS: dict[str, list[tuple[str, str]]] = {
    "immigration-procedures": [
        ("residence-permit", _("Residence permit: first application")),
        ("permit-renewal", _("Renewing a residence permit")),
        ("aima-appointment", _("Getting an AIMA appointment")),
        ("pending-application", _("Pending application or transition regime")),
        ("family-reunification", _("Family reunification")),
        ("nationality", _("Portuguese nationality")),
        ("asylum", _("Asylum and international protection")),
    ],
    "employment": [
        ("job-search", _("Looking for work")),
        ("seasonal-work", _("Seasonal farm work")),
        ("contract-rights", _("Contract and rights at work")),
        ("unpaid-wages", _("Unpaid wages")),
        ("iefp-registration", _("Registering with IEFP")),
    ],
    "housing": [
        ("renting", _("Renting a home")),
        ("housing-conditions", _("Overcrowding or poor conditions")),
        ("housing-support", _("Housing support")),
        ("eviction", _("Eviction")),
    ],
    "education": [
        ("school-enrolment", _("Enrolling children at school")),
        ("school-support", _("School support and meals")),
        ("preschool", _("Nursery and pre-school")),
        ("recognition", _("Recognition of qualifications")),
    ],
    "health": [
        ("sns-number", _("Health service user number")),
        ("family-doctor", _("Family doctor and appointments")),
        ("hospital-emergency", _("Hospital and emergencies")),
        ("maternal-child-health", _("Pregnancy and child health")),
    ],
    "social-security": [
        ("niss", _("Social security number (NISS)")),
        ("benefits", _("Benefits and social support")),
        ("child-benefit", _("Child benefit")),
        ("unemployment-benefit", _("Unemployment benefit")),
    ],
    "training": [
        ("portuguese-course", _("Portuguese language course")),
        ("vocational-training", _("Vocational training")),
        ("adult-qualification", _("Adult qualification (Centro Qualifica)")),
        ("driving-licence", _("Driving licence")),
    ],
    OTHER: [
        ("tax-number", _("Tax number (NIF) and tax office")),
        ("bank-account", _("Opening a bank account")),
        ("legal-aid", _("Legal aid")),
        ("something-else", _("Something else")),
    ],
}

SUBTOPIC_CHOICES: list[tuple[str, str]] = [
    (sub, label) for subtopics in SUBTOPICS.values() for sub, label in subtopics
]
TOPIC_OF_SUBTOPIC: dict[str, str] = {
    sub: topic for topic, subtopics in SUBTOPICS.items() for sub, _label in subtopics
}


def topic_label(slug: str) -> str:
    """The translated label of a topic, or the slug itself for an unknown one."""
    return str(dict(ENQUIRY_TOPICS).get(slug, slug))


def subtopic_label(slug: str) -> str:
    """The translated label of a subtopic, or the slug itself for an unknown one."""
    return str(dict(SUBTOPIC_CHOICES).get(slug, slug))
