import io

from django.contrib.auth.models import User
from django.core.management import call_command

import pytest

from intranet.core.demo import DEMO_PASSWORD, read_yaml
from intranet.people import demo as people_demo
from intranet.people.models import Profile, ProfileLanguage
from intranet.people.services import colleagues, finder_queryset


@pytest.mark.django_db
def test_demo_people_load_twice_without_duplicates():
    from intranet.core import demo as core_demo

    core_demo.load(io.StringIO())
    people_demo.load(io.StringIO())

    def counts():
        return (User.objects.count(), Profile.objects.count(), ProfileLanguage.objects.count())

    before = counts()
    people_demo.load(io.StringIO())
    assert counts() == before
    listed = read_yaml(people_demo.__file__, "people.yaml")["people"]
    assert len(listed) == 20
    assert User.objects.filter(groups__name="Staff").count() >= 19
    joao = User.objects.get(username="joao.simoes")
    assert joao.check_password(DEMO_PASSWORD)
    assert [p.user.username for p in finder_queryset(query="Joao Simoes")][0] == "joao.simoes"
    ana = Profile.objects.get(user__username="staff")
    assert ana.job_title and ana.languages.exists() and ana.expertise.exists()
    # romeno speakers are findable
    assert finder_queryset(language="ro").count() >= 3


@pytest.mark.django_db
def test_the_demo_leaver_left_as_a_coordinator_would_mark_them():
    call_command("load_demo", stdout=io.StringIO())
    leaver = Profile.objects.select_related("user").get(user__username="rodrigo.falcao")
    assert not leaver.is_active_member
    assert leaver.left_on.isoformat() == "2025-06-30"
    assert not leaver.user.is_active, "their login is off"
    assert leaver not in finder_queryset()
    assert leaver.user not in colleagues()
    assert leaver in finder_queryset(include_leavers=True)
    call_command("load_demo", stdout=io.StringIO())
    assert Profile.objects.get(pk=leaver.pk).left_on.isoformat() == "2025-06-30"


@pytest.mark.django_db
def test_full_demo_places_people_in_their_offices():
    call_command("load_demo", stdout=io.StringIO())
    assert Profile.objects.get(user__username="joao.simoes").office.slug == "gabinete-alcacovas"
    assert {u.office_title for u in colleagues()} >= {
        "Gabinete de Apoio de Alcáçovas",
        "Gabinete de Apoio de Évora",
    }
