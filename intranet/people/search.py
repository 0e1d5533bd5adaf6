"""People in the site search: the colleagues working in the network today (never those
who have left, never for partners), by name, job title, expertise, languages and office."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.core.roles import is_staff_member
from intranet.core.search import SearchHit, SearchType, search_queryset

from .services import staff_profiles


def search_people(request, words: str):
    if not is_staff_member(request.user):
        return None
    profiles = (
        staff_profiles().select_related("user", "office").prefetch_related("languages", "expertise")
    )
    return search_queryset(profiles, words)


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
        ],
    )


PEOPLE = SearchType(key="people", label=_("People"), order=10, search=search_people, hit=person_hit)
