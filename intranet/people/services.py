"""The people finder's logic: search and ranking, completeness, phone numbers, leavers
and personal data. Views stay thin; everything here is testable without HTTP."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Collection, CollectionViewRestriction

from intranet.core.auth_backends import forget_user
from intranet.core.files import delete_image_now
from intranet.core.roles import COORDINATORS, STAFF
from network.models import SupportOfficePage

from .models import Profile, normalise
from .signals import person_left

PHOTO_COLLECTION = "Fotografias da equipa"
PROFILE_PANEL_HOOK = "register_profile_panel"
FINDER_PHOTO_FILTER = "fill-96x96"

# --- phone numbers -------------------------------------------------------------------

PHONE_HELP = _(
    "Portuguese or international number, e.g. +351 912 345 678, 266 123 456 or +40 721 234 567."
)
_PHONE_JUNK = re.compile(r"[\s.\-/()]")


def normalise_phone(value: str) -> str:
    """A Portuguese number (9 digits starting 2 or 9, with or without +351/00351) or an
    international one (+ and 8-15 digits), in one written form. Raises ValidationError."""
    raw = (value or "").strip()
    if not raw:
        return ""
    compact = _PHONE_JUNK.sub("", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"[29]\d{8}", compact):
        compact = "+351" + compact
    if compact.startswith("+351"):
        national = compact[4:]
        if re.fullmatch(r"[29]\d{8}", national):
            return f"+351 {national[:3]} {national[3:6]} {national[6:]}"
        raise ValidationError(
            _("A Portuguese number has 9 digits and starts with 2 or 9, e.g. +351 912 345 678."),
            code="invalid_phone",
        )
    if re.fullmatch(r"\+[1-9]\d{7,14}", compact):
        return compact
    raise ValidationError(
        _("Enter a valid phone number, e.g. +351 912 345 678, 266 123 456 or +40 721 234 567."),
        code="invalid_phone",
    )


# --- search --------------------------------------------------------------------------


def _network_members() -> QuerySet[User]:
    """Accounts in Staff or Coordinators, whatever their state. Partners and bare
    administrator accounts have profiles too, but are not colleagues."""
    groups = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=[STAFF, COORDINATORS]
    )
    return User.objects.filter(Exists(groups))


def colleagues(office=None) -> QuerySet[User]:
    """The people who work in the network today, as users: Staff or Coordinators, with an
    active account, not marked as having left. Every "who must read / who is in the
    programme / who may log enquiries / who is based at this office" list starts here.

    ``office``: a support office (page or id) to keep only the people based there. Each
    user comes with ``office_id`` and ``office_title`` annotated, so callers never reach
    into profiles themselves.
    """
    users = (
        _network_members()
        .filter(is_active=True, profile__is_active_member=True)
        .annotate(office_id=F("profile__office_id"), office_title=F("profile__office__title"))
    )
    if office is not None:
        users = users.filter(profile__office=office)
    return users


def is_colleague(user) -> bool:
    """Whether ``user`` is one of ``colleagues()`` (e.g. someone asked to read)."""
    return user.is_authenticated and colleagues().filter(pk=user.pk).exists()


def staff_profiles(*, include_leavers: bool = False) -> QuerySet[Profile]:
    """The profiles of ``colleagues()``, for the people finder and profile pages; with
    ``include_leavers``, also of the people marked as having left (coordinators may list
    them; their login is off, so ``colleagues()`` leaves them out)."""
    people = Q(user__in=colleagues().values("pk"))
    if include_leavers:
        people |= Q(is_active_member=False, user__in=_network_members().values("pk"))
    return Profile.objects.filter(people)


def office_of(user) -> SupportOfficePage | None:
    """The support office a person is based at, or None."""
    if not user.is_authenticated:
        return None
    return SupportOfficePage.objects.filter(profiles__user=user).first()


def finder_queryset(
    *,
    query: str = "",
    office_ids: list[int] | QuerySet | None = None,
    language: str = "",
    expertise: str = "",
    include_leavers: bool = False,
) -> QuerySet[Profile]:
    """Profiles matching the finder's search and filters, best match first.

    Ranking on the normalised name: exact (3) > starts with (2) > a word of the name
    starts with (1) > anything else that matched (0: part of the name, job title,
    expertise, languages, office). ``office_ids``: the offices of the office filter
    (None: all). One query, plus the prefetches of the page shown.
    """
    from wagtail.images import get_image_model

    photos = get_image_model().objects.prefetch_renditions(FINDER_PHOTO_FILTER)
    profiles = (
        staff_profiles(include_leavers=include_leavers)
        .select_related("user", "office")
        .prefetch_related("languages", "expertise", Prefetch("photo", queryset=photos))
    )
    if office_ids is not None:
        profiles = profiles.filter(office_id__in=office_ids)
    if language:
        profiles = profiles.filter(languages__language=language)
    if expertise:
        profiles = profiles.filter(expertise__slug=expertise)
    if language or expertise:
        profiles = profiles.distinct()
    needle = normalise(query)[:100]
    if not needle:
        return profiles.annotate(rank=Value(0, IntegerField())).order_by("search_name", "pk")
    for word in needle.split():
        profiles = profiles.filter(Q(search_name__contains=word) | Q(search_text__contains=word))
    rank = Case(
        When(search_name=needle, then=Value(3)),
        When(search_name__startswith=needle, then=Value(2)),
        When(search_name__contains=" " + needle, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return profiles.annotate(rank=rank).order_by("-rank", "search_name", "pk")


# --- completeness --------------------------------------------------------------------


@dataclass
class Completeness:
    percent: int
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing


def completeness(profile: Profile) -> Completeness:
    """What a colleague looking for this person would miss. Pronouns stay optional."""
    checks = [
        (bool(profile.photo_id), _("a photo")),
        (bool(profile.job_title), _("your job title")),
        (bool(profile.office_id), _("your office")),
        (bool(profile.phone), _("a phone number")),
        (bool(profile.contact_email), _("a contact email")),
        (bool(profile.languages.all()), _("the languages you speak")),
        (bool(profile.expertise.all()), _("your areas of expertise")),
        (bool(profile.bio), _("a short bio")),
    ]
    missing = [str(label) for done, label in checks if not done]
    percent = round(100 * (len(checks) - len(missing)) / len(checks))
    return Completeness(percent=percent, missing=missing)


# --- photos --------------------------------------------------------------------------


def photo_collection() -> Collection:
    """The staff-only collection for profile photos. The data migration makes it; if
    someone removed it, it comes back with the same restriction, never open to partners."""
    collection = Collection.objects.filter(name=PHOTO_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=PHOTO_COLLECTION)
    restriction, created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    if created:
        restriction.groups.set(Group.objects.filter(name__in=[STAFF, COORDINATORS]))
    return collection


def replace_photo(profile: Profile, upload, by_user) -> None:
    from wagtail.images import get_image_model

    Image = get_image_model()
    old = profile.photo
    image = Image(
        title=f"{profile.name} ({profile.user.get_username()})",
        file=upload,
        collection=photo_collection(),
        uploaded_by_user=by_user,
    )
    image.save()
    profile.photo = image
    profile.save(update_fields=["photo"])
    if old is not None:
        delete_image_now(old)


def remove_photo(profile: Profile) -> None:
    """The photo and its files go at once (not when the task worker gets to it)."""
    old = profile.photo
    if old is None:
        return
    profile.photo = None
    profile.save(update_fields=["photo"])
    delete_image_now(old)


# --- leavers -------------------------------------------------------------------------


@transaction.atomic
def mark_as_left(profile: Profile, on: datetime.date | None = None) -> None:
    """The person no longer works in the network, from now on: their login stops, their
    personal feed and calendar addresses stop, and every app lets go of them (the
    ``person_left`` signal: training releases their future bookings). Reminders, reports
    and lists of current staff follow ``colleagues()``, which leaves them out."""
    from intranet.core.sessions import end_sessions
    from intranet.core.tokens import revoke_tokens

    profile.is_active_member = False
    profile.left_on = on or timezone.localdate()
    profile.save(update_fields=["is_active_member", "left_on"])
    User.objects.filter(pk=profile.user_id).update(is_active=False)
    forget_user(profile.user_id)
    profile.user.is_active = False
    revoke_tokens(profile.user)
    end_sessions(profile.user)
    person_left.send(sender=Profile, user=profile.user, profile=profile)


@transaction.atomic
def mark_as_returned(profile: Profile) -> None:
    """Undo ``mark_as_left``: the login works again (with a new log-in: the old sessions
    were ended; feed addresses must be made anew)."""
    profile.is_active_member = True
    profile.left_on = None
    profile.save(update_fields=["is_active_member", "left_on"])
    User.objects.filter(pk=profile.user_id).update(is_active=True)
    forget_user(profile.user_id)
    profile.user.is_active = True


def retention_days() -> int:
    return int(getattr(settings, "PEOPLE_LEAVER_RETENTION_DAYS", 365))


def leavers_due_for_purge(days: int, today: datetime.date | None = None) -> QuerySet[Profile]:
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=days)
    return Profile.objects.filter(
        is_active_member=False, left_on__lte=cutoff, contacts_purged_on__isnull=True
    ).select_related("user", "photo")


@transaction.atomic
def purge_contacts(profile: Profile, today: datetime.date | None = None) -> None:
    """Remove a leaver's personal contact details: phone, emails, photo, bio, pronouns.
    Name, office and dates stay (training records and history refer to them)."""
    remove_photo(profile)
    profile.phone = ""
    profile.email = ""
    profile.bio = ""
    profile.pronouns = ""
    profile.contacts_purged_on = today or timezone.localdate()
    profile.save(update_fields=["phone", "email", "bio", "pronouns", "contacts_purged_on"])
    User.objects.filter(pk=profile.user_id).update(email="")
    forget_user(profile.user_id)


# --- personal data -------------------------------------------------------------------


def personal_data(user: User) -> dict:
    """Everything the intranet stores about ``user``, for them to download: the core's
    ``collect`` (account, then every app's ``register_personal_data`` hook)."""
    from intranet.core.personal_data import collect

    return collect(user)


def profile_data(user: User) -> dict | None:
    """The profile part of the personal data download (registered as a hook)."""
    profile = (
        Profile.objects.select_related("office", "photo")
        .prefetch_related("languages", "expertise")
        .filter(user=user)
        .first()
    )
    if profile is None:
        return None
    return {
        "display_name": profile.display_name,
        "pronouns": profile.pronouns,
        "job_title": profile.job_title,
        "role": profile.role,
        "office": profile.office.title if profile.office else None,
        "phone": profile.phone,
        "contact_email": profile.email,
        "bio": profile.bio,
        "photo": profile.photo.file.name if profile.photo else None,
        "start_date": profile.start_date.isoformat() if profile.start_date else None,
        "works_in_the_network": profile.is_active_member,
        "left_on": profile.left_on.isoformat() if profile.left_on else None,
        "contacts_purged_on": (
            profile.contacts_purged_on.isoformat() if profile.contacts_purged_on else None
        ),
        "languages": [
            {"language": entry.language, "level": entry.level} for entry in profile.languages.all()
        ],
        "expertise": sorted(tag.name for tag in profile.expertise.all()),
    }


def profile_panels(request, profile_user) -> list:
    panels = [
        panel
        for fn in hooks.get_hooks(PROFILE_PANEL_HOOK)
        if (panel := fn(request, profile_user)) is not None
    ]
    return sorted(panels, key=lambda p: (p.order, p.key))
