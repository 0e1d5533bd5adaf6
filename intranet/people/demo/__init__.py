"""Demo staff for the people finder, read from ``people.yaml`` next to this module: the
association's team in Alcáçovas and one person in each municipal office (fictional).

Idempotent: users, languages and tags are matched by stable keys; running twice changes
nothing. Someone listed with ``left_on`` is marked as having left the way a coordinator
would do it (``mark_as_left``: their login is off), once.
"""

from django.contrib.auth.models import Group, User

from intranet.core.demo import DEMO_PASSWORD, read_yaml
from intranet.core.roles import STAFF
from network.models import SupportOfficePage

from ..models import Profile, ProfileLanguage
from ..services import mark_as_left


def load(stdout) -> None:
    data = read_yaml(__file__, "people.yaml")
    staff_group = Group.objects.get(name=STAFF)
    offices = {page.slug: page for page in SupportOfficePage.objects.all()}
    for entry in data["people"]:
        user, created = User.objects.get_or_create(
            username=entry["username"],
            defaults={
                "first_name": entry["first_name"],
                "last_name": entry["last_name"],
                "email": f"{entry['username']}@semfronteiras.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(staff_group)
        profile, _created = Profile.objects.get_or_create(user=user)
        office = offices.get(entry["office"])
        profile.office = office
        profile.job_title = entry["job_title"]
        profile.role = entry["role"]
        profile.phone = entry["phone"]
        profile.start_date = entry["start_date"]
        profile.bio = data["bio"].format(
            first=entry["first_name"],
            place=f"no {office.title}" if office else "num gabinete da rede",
            topics=" e ".join(entry["expertise"][:2]),
        )
        profile.save()
        for code, level in entry["languages"].items():
            ProfileLanguage.objects.update_or_create(
                profile=profile, language=code, defaults={"level": level}
            )
        profile.expertise.set(entry["expertise"])
        profile.refresh_search()
        if entry.get("left_on") and profile.is_active_member:
            mark_as_left(profile, on=entry["left_on"])
    stdout.write(f"  people: {len(data['people'])} staff profiles (fictional)")
