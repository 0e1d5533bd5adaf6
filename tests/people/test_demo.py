import io

from django.contrib.auth.models import User
from django.core.management import call_command

import pytest

from intranet.core.demo import DEMO_PASSWORD
from intranet.people.demo import PEOPLE
from intranet.people.models import Profile, ProfileLanguage
from intranet.people.services import finder_queryset


@pytest.mark.django_db
def test_demo_people_load_twice_without_duplicates():
    from intranet.core import demo as core_demo
    from intranet.people.demo import load

    core_demo.load(io.StringIO())
    load(io.StringIO())

    def counts():
        return (User.objects.count(), Profile.objects.count(), ProfileLanguage.objects.count())

    before = counts()
    load(io.StringIO())
    assert counts() == before
    staff = User.objects.filter(groups__name="Staff")
    assert staff.count() >= 19
    assert len(PEOPLE) == 20
    joao = User.objects.get(username="joao.simoes")
    assert joao.check_password(DEMO_PASSWORD)
    assert [p.user.username for p in finder_queryset(query="Joao Simoes")][0] == "joao.simoes"
    ana = Profile.objects.get(user__username="staff")
    assert ana.job_title and ana.languages.exists() and ana.expertise.exists()
    # one leaver, hidden from the finder
    leaver = Profile.objects.get(user__username="rodrigo.falcao")
    assert not leaver.is_active_member
    assert leaver not in finder_queryset()
    # romeno speakers are findable
    assert finder_queryset(language="ro").count() >= 3


@pytest.mark.django_db
def test_full_demo_loader_places_people_in_offices_when_they_exist():
    call_command("load_demo", stdout=io.StringIO())
    from network.models import SupportOfficePage

    if not SupportOfficePage.objects.filter(slug="gabinete-alcacovas").exists():
        assert Profile.objects.get(user__username="joao.simoes").office is None
    else:
        assert Profile.objects.get(user__username="joao.simoes").office.slug == "gabinete-alcacovas"
