"""People in the site search: the colleagues working in the network today (never those
who have left, never for partners), by name, job title, expertise, languages and office."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from intranet.core.roles import is_staff_member
from intranet.core.search import SearchHit, SearchType

from .models import LANGUAGE_LABELS
from .services import staff_profiles


def visible_people(request):
    if not is_staff_member(request.user):
        return None
    # Expertise and languages make the snippet (two queries, whatever the number shown).
    return (
        staff_profiles().select_related("user", "office").prefetch_related("languages", "expertise")
    )


def all_language_names(profile) -> str:
    """ "Ucraniano (Ukrainian), Russo (Russian)": each language in every interface language."""
    names = []
    for language in profile.languages.all():
        labels = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                label = str(LANGUAGE_LABELS.get(language.language, language.language))
            if label not in labels:
                labels.append(label)
        names.append(f"{labels[0]} ({', '.join(labels[1:])})" if len(labels) > 1 else labels[0])
    return ", ".join(names)


def person_hit(profile, request) -> SearchHit:
    kind = " · ".join(
        p for p in [profile.job_title, profile.office.title if profile.office else ""] if p
    )
    return SearchHit(
        title=profile.name,
        url=reverse("people:profile", args=[profile.user.get_username()]),
        kind=kind,
        texts=[
            ", ".join(tag.name for tag in profile.expertise.all()),
            ", ".join(str(language) for language in profile.languages.all()),
            profile.bio,
            # Why "ucraniano" found them when the interface is in English, and vice versa.
            all_language_names(profile),
        ],
    )


# The index holds a normalised copy (lower case, no accents) made for matching: the snippet
# comes from the profile itself.
PEOPLE = SearchType(
    key="people",
    label=_("People"),
    order=10,
    queryset=visible_people,
    hit=person_hit,
    index_snippet=False,
)
