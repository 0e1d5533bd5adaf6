"""People at national scale (``seed_scale``): staff and coordinators in every support
office, with profiles the finder can search (languages, expertise, office), a few who have
left. Accounts are named ``escala.…`` and log in with the demo password."""

import datetime

from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType

from taggit.models import Tag, TaggedItem

from intranet.core.roles import COORDINATORS, STAFF
from intranet.core.scale import (
    SCALE_USERNAME_PREFIX,
    ScaleRun,
    ascii_slug,
    mobile_number,
    person_name,
    shared_password_hash,
)
from network.models import SupportOfficePage

from ..models import LANGUAGE_CHOICES, Profile, ProfileLanguage

PEOPLE_PER_FACTOR = 20
COORDINATOR_SHARE = 0.05
LEFT_EVERY = 33
EXPERTISE = [
    "AIMA",
    "reagrupamento familiar",
    "habitação",
    "Segurança Social",
    "SNS",
    "educação",
    "IEFP",
    "saúde mental",
    "juntas de freguesia",
    "trabalho sazonal",
    "nacionalidade",
    "asilo",
]
STAFF_ROLES = [Profile.Role.STAFF] * 6 + [Profile.Role.MEDIATOR, Profile.Role.ADMINISTRATIVE]
JOB_TITLES = {
    Profile.Role.STAFF: "Técnico(a) de apoio a migrantes",
    Profile.Role.MEDIATOR: "Mediador(a) intercultural",
    Profile.Role.COORDINATOR: "Coordenador(a) regional",
    Profile.Role.ADMINISTRATIVE: "Apoio administrativo",
}


def _users(run: ScaleRun, number: int) -> list[User]:
    rng = run.rng("people")
    password = shared_password_hash()
    users = []
    for n in range(1, number + 1):
        first, last = person_name(rng)
        username = f"{SCALE_USERNAME_PREFIX}{ascii_slug(first)}.{ascii_slug(last.split()[-1])}.{n}"
        users.append(
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@semfronteiras.example",
                password=password,
                is_active=True,
            )
        )
    return User.objects.bulk_create(users, batch_size=1000)


def _expertise_tags() -> list[Tag]:
    tags = []
    for name in EXPERTISE:
        tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
        tags.append(tag)
    return tags


def seed(run: ScaleRun) -> None:
    offices = list(SupportOfficePage.objects.order_by("path").only("id", "title"))
    if not offices:
        run.say("people: no support offices, nothing added")
        return
    rng = run.rng("profiles")
    users = _users(run, run.count(PEOPLE_PER_FACTOR))
    coordinators = {u.pk for u in users if rng.random() < COORDINATOR_SHARE}
    groups = {name: Group.objects.get(name=name) for name in (STAFF, COORDINATORS)}
    through = User.groups.through

    def group_of(user):
        return groups[COORDINATORS if user.pk in coordinators else STAFF]

    through.objects.bulk_create(
        [
            through(
                user_id=u.pk, group_id=groups[COORDINATORS if u.pk in coordinators else STAFF].pk
            )
            for u in users
        ],
        batch_size=2000,
    )
    today = datetime.date.today()
    profiles, left = [], []
    for n, user in enumerate(users):
        role = (
            Profile.Role.COORDINATOR
            if user.pk in coordinators
            else rng.choice(
                [Profile.Role.STAFF] * 6 + [Profile.Role.MEDIATOR, Profile.Role.ADMINISTRATIVE]
            )
        )
        # One in LEFT_EVERY has left the network (one at factor 1 already).
        has_left = n % LEFT_EVERY == 5
        profile = Profile(
            user=user,
            # Every office gets people first (offices in path order), then at random.
            office=offices[n] if n < len(offices) else rng.choice(offices),
            job_title=JOB_TITLES[role],
            role=role,
            phone=mobile_number(rng),
            start_date=today - datetime.timedelta(days=rng.randint(30, 3650)),
            bio=f"{user.first_name} atende, encaminha e acompanha pessoas migrantes. "
            "Pessoa fictícia (dados de escala).",
            is_active_member=not has_left,
            left_on=today - datetime.timedelta(days=rng.randint(10, 300)) if has_left else None,
        )
        profiles.append(profile)
        if has_left:
            left.append(user.pk)
    Profile.objects.bulk_create(profiles, batch_size=1000)
    User.objects.filter(pk__in=left).update(is_active=False)
    codes = [code for code, _label in LANGUAGE_CHOICES if code != "pt"]
    levels = [level for level, _label in ProfileLanguage.Level.choices]
    ProfileLanguage.objects.bulk_create(
        [
            ProfileLanguage(profile=profile, language=code, level=rng.choice(levels))
            for profile in profiles
            for code in rng.sample(codes, rng.randint(1, 3))
        ],
        batch_size=2000,
    )
    tags = _expertise_tags()
    profile_type = ContentType.objects.get_for_model(Profile)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(content_type=profile_type, object_id=profile.pk, tag=tag)
            for profile in profiles
            for tag in rng.sample(tags, rng.randint(1, 3))
        ],
        batch_size=2000,
    )
    # The finder's normalised search columns, as Profile.save() would write them.
    finished = []
    for profile in (
        Profile.objects.filter(user__in=users)
        .select_related("user", "office")
        .prefetch_related("languages", "expertise")
    ):
        profile.refresh_search(commit=False)
        finished.append(profile)
    Profile.objects.bulk_update(finished, ["search_name", "search_text"], batch_size=1000)
    run.made("people", len(users))
    run.say(
        f"people: {len(users):,} staff and coordinators ({len(coordinators)} coordinators, "
        f"{len(left)} who have left)"
    )
