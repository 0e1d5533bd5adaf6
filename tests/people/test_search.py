from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from intranet.core.roles import STAFF
from intranet.people.models import Profile, ProfileLanguage, normalise
from intranet.people.services import finder_queryset
from network.office_filter import SELECT_UP_TO
from tests.network.factories import count_options, many_offices
from tests.people.factories import ProfileFactory


def names(queryset):
    return [profile.name for profile in queryset]


def test_normalise_removes_accents_and_case():
    assert normalise("  João   CONCEIÇÃO ") == "joao conceicao"
    assert normalise("Estêvão Maçãs") == "estevao macas"


@pytest.mark.django_db
def test_exact_and_prefix_name_matches_rank_above_fuzzy_ones():
    ProfileFactory(username="a", first_name="Joana", last_name="Ferreira", job_title="Técnica")
    ProfileFactory(username="b", first_name="Ana", last_name="Conceição")
    # "ana" inside the name (fuzzy), in the job title, at the start of a word of the name
    ProfileFactory(username="c", first_name="Mariana", last_name="Lopes")
    ProfileFactory(username="d", first_name="Rui", last_name="Santos", job_title="Analista")
    ProfileFactory(username="e", first_name="Paula", last_name="Ana")
    ProfileFactory(username="f", first_name="Ana", last_name="")  # exact
    assert names(finder_queryset(query="Ana")) == [
        "Ana",
        "Ana Conceição",
        "Paula Ana",
        "Joana Ferreira",
        "Mariana Lopes",
        "Rui Santos",
    ]


@pytest.mark.django_db
def test_accent_insensitive_both_ways():
    ProfileFactory(username="joao", first_name="João", last_name="Simões")
    ProfileFactory(username="jose", first_name="Jose", last_name="Estevao")
    assert names(finder_queryset(query="Joao")) == ["João Simões"]
    assert names(finder_queryset(query="simoes")) == ["João Simões"]
    assert names(finder_queryset(query="ESTÊVÃO")) == ["Jose Estevao"]
    assert names(finder_queryset(query="joão simões")) == ["João Simões"]


@pytest.mark.django_db
def test_search_by_job_title_expertise_and_language_name():
    ProfileFactory(
        username="a",
        first_name="Inês",
        last_name="Beirão",
        job_title="Jurista",
        expertise=["habitação"],
    )
    ProfileFactory(username="b", first_name="Tiago", last_name="Adão", languages=[("ro", "fluent")])
    ProfileFactory(username="c", first_name="Sónia", last_name="Ramalho")
    assert names(finder_queryset(query="jurista")) == ["Inês Beirão"]
    assert names(finder_queryset(query="habitacao")) == ["Inês Beirão"]
    # language names in Portuguese and English both find the speaker
    assert names(finder_queryset(query="romeno")) == ["Tiago Adão"]
    assert names(finder_queryset(query="romanian")) == ["Tiago Adão"]


@pytest.mark.django_db
def test_filters_by_office_language_and_expertise(office, other_office):
    ProfileFactory(
        username="a",
        first_name="Ana",
        last_name="Um",
        office=office,
        languages=[("uk", "native")],
        expertise=["SNS"],
    )
    ProfileFactory(
        username="b",
        first_name="Bia",
        last_name="Dois",
        office=other_office,
        languages=[("uk", "basic")],
    )
    ProfileFactory(
        username="c",
        first_name="Caio",
        last_name="Três",
        office=other_office,
        expertise=["SNS", "AIMA"],
    )
    assert names(finder_queryset(office_ids=[other_office.pk])) == ["Bia Dois", "Caio Três"]
    assert names(finder_queryset(language="uk")) == ["Ana Um", "Bia Dois"]
    assert names(finder_queryset(expertise="sns")) == ["Ana Um", "Caio Três"]
    assert names(finder_queryset(expertise="sns", office_ids=[office.pk])) == ["Ana Um"]


@pytest.mark.django_db
def test_finder_page_searches_and_filters(client_for, staff_user, office):
    ProfileFactory(
        username="joao",
        first_name="João",
        last_name="Simões",
        office=office,
        languages=[("ro", "fluent")],
    )
    ProfileFactory(username="rita", first_name="Rita", last_name="Sá")
    client = client_for(staff_user)
    response = client.get("/people/", {"q": "joao"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "João Simões" in content
    assert "Rita Sá" not in content
    assert "/people/joao/" in content
    response = client.get("/people/", {"language": "ro"})
    assert "João Simões" in response.content.decode()
    assert "Rita Sá" not in response.content.decode()


@pytest.mark.django_db
def test_renaming_a_user_updates_the_search_name():
    person = ProfileFactory(username="x", first_name="Jose", last_name="Old")
    user = person.user
    user.first_name = "José"
    user.last_name = "Novo"
    user.save()
    assert names(finder_queryset(query="jose novo")) == ["José Novo"]


@pytest.mark.django_db
def test_finder_is_paginated(client_for, staff_user):
    for i in range(25):
        ProfileFactory(username=f"p{i:02d}", first_name="Pessoa", last_name=f"N{i:02d}")
    client = client_for(staff_user)
    first = client.get("/people/").content.decode()
    assert first.count('data-testid="person"') == 20
    second = client.get("/people/", {"page": 2}).content.decode()
    # 25 made here + the staff user from the fixture
    assert second.count('data-testid="person"') == 6


def _bulk_people(count, office):
    from django.contrib.auth.models import Group

    from taggit.models import Tag

    users = User.objects.bulk_create(
        [
            User(username=f"bulk{i}", first_name="Pessoa", last_name=f"Número {i}")
            for i in range(count)
        ]
    )
    group = Group.objects.get(name=STAFF)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users]
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(user=user, office=office, job_title="Técnico", search_name=f"pessoa numero {i}")
            for i, user in enumerate(users)
        ]
    )
    ProfileLanguage.objects.bulk_create(
        [ProfileLanguage(profile=p, language="ro", level="fluent") for p in profiles]
    )
    tag, _ = Tag.objects.get_or_create(name="habitação", slug="habitacao")
    Profile.expertise.through.objects.bulk_create(
        [Profile.expertise.through(content_object=p, tag=tag) for p in profiles]
    )


def _count_queries(client, params):
    client.get("/people/", params)  # warm-up (sessions, content types)
    with CaptureQueriesContext(connection) as context:
        response = client.get("/people/", params)
    assert response.status_code == 200
    return len(context)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params", [{}, {"q": "pessoa"}, {"language": "ro", "expertise": "habitacao"}]
)
def test_finder_runs_the_same_queries_with_20_and_2000_profiles(
    client_for, staff_user, office, params
):
    client = client_for(staff_user)
    _bulk_people(20, office)
    small = _count_queries(client, params)
    User.objects.filter(username__startswith="bulk").delete()
    _bulk_people(2000, office)
    large = _count_queries(client, params)
    assert small == large


@pytest.mark.django_db
def test_only_people_working_in_the_network_are_listed(client_for, role_users):
    from django.contrib.auth.models import User as AuthUser

    names_listed = names(finder_queryset())
    assert "Joana Simões" in names_listed  # staff
    assert "Marta Gonçalves" in names_listed  # coordinator
    assert "Rui Valadas" not in names_listed  # partner
    assert not any(name.startswith("Administrador") for name in names_listed)
    AuthUser.objects.filter(username="tecnica").update(is_active=False)
    assert "Joana Simões" not in names(finder_queryset())
    client = client_for(role_users["coordinator"])
    assert client.get("/people/parceiro/").status_code == 404
    assert client.get("/people/parceiro/edit/").status_code == 404


@pytest.mark.django_db
def test_finder_photos_do_not_add_queries_per_person(client_for, staff_user, office):
    from intranet.people.services import replace_photo
    from tests.people.factories import image_upload

    client = client_for(staff_user)
    for i in range(2):
        person = ProfileFactory(username=f"foto{i}", first_name="Com", last_name=f"Foto {i}")
        replace_photo(person, image_upload(), person.user)
    small = _count_queries(client, {})
    for i in range(2, 8):
        person = ProfileFactory(username=f"foto{i}", first_name="Com", last_name=f"Foto {i}")
        replace_photo(person, image_upload(), person.user)
    large = _count_queries(client, {})
    assert small == large
    page = client.get("/people/").content.decode()
    assert page.count('class="person-card__avatar"') == 9
    assert page.count("<img") >= 8


@pytest.mark.django_db
def test_finder_office_is_a_select_in_a_small_network(client_for, staff_user, office, other_office):
    ProfileFactory(username="ana", first_name="Ana", last_name="Alcáçovas", office=office)
    ProfileFactory(username="bia", first_name="Bia", last_name="Cubense", office=other_office)
    client = client_for(staff_user)
    html = client.get("/people/", {"office": other_office.pk}).content.decode()
    assert '<select id="office-filter" name="office">' in html
    assert f'<option value="{other_office.pk}" selected>' in html
    assert "Bia Cubense" in html and "Ana Alcáçovas" not in html


def _listed(client, params):
    html = client.get("/people/", params, follow=True).content.decode()
    return {name for name in ("Ana Alcáçovas", "Bia Cubense") if name in html}


@pytest.mark.django_db
def test_finder_office_is_typed_in_a_large_network(client_for, staff_user, office, other_office):
    """A national network has hundreds of offices: the finder uses the office filter of the
    reports, a text matched on the office's name or municipality."""
    many_offices(SELECT_UP_TO)
    ProfileFactory(username="ana", first_name="Ana", last_name="Alcáçovas", office=office)
    ProfileFactory(username="bia", first_name="Bia", last_name="Cubense", office=other_office)
    client = client_for(staff_user)
    html = client.get("/people/").content.decode()
    assert "<select" not in html.split('id="office-filter"')[1].split("</div>")[0]
    assert 'data-testid="office-filter-text"' in html
    assert count_options(html) <= SELECT_UP_TO
    assert _listed(client, {"office_q": "cuba"}) == {"Bia Cubense"}
    assert _listed(client, {"office_q": "Viana do Alentejo"}) == {"Ana Alcáçovas"}
    assert _listed(client, {"office": str(office.pk)}) == {"Ana Alcáçovas"}
    assert _listed(client, {"office_q": "cuba", "q": "ana"}) == set()
    several = client.get("/people/", {"office_q": "Gabinete de"}).content.decode()
    assert 'data-testid="office-matches"' in several
    assert f"office={other_office.pk}" in several
    nothing = client.get("/people/", {"office_q": "Nenhures"}).content.decode()
    assert 'data-testid="office-no-match"' in nothing


@pytest.mark.django_db
def test_finder_old_links_with_the_office_as_text_still_work(
    client_for, staff_user, office, other_office
):
    """Bookmarks from when the finder's office was a text in ``office``: sent on to the
    office filter's ``office_q``, in a small network as in a large one."""
    ProfileFactory(username="ana", first_name="Ana", last_name="Alcáçovas", office=office)
    ProfileFactory(username="bia", first_name="Bia", last_name="Cubense", office=other_office)
    client = client_for(staff_user)
    response = client.get("/people/", {"office": "cuba", "q": "bia"})
    assert response.status_code == 302
    assert response["Location"] == "/people/?q=bia&office_q=cuba"
    assert _listed(client, {"office": "cuba"}) == {"Bia Cubense"}
    assert _listed(client, {"office": "Viana do Alentejo"}) == {"Ana Alcáçovas"}
    many_offices(SELECT_UP_TO)
    assert _listed(client, {"office": "cuba"}) == {"Bia Cubense"}
    assert _listed(client, {"office": str(office.pk)}) == {"Ana Alcáçovas"}


@pytest.mark.django_db
def test_finder_results_cache_follows_changes_and_roles(client_for, staff_user, coordinator_user):
    """The finder's results are cached per role: a saved profile shows on the next request,
    and staff never get the list a coordinator saw with people who have left."""
    from intranet.people.services import mark_as_left

    person = ProfileFactory(username="rodrigo", first_name="Rodrigo", last_name="Falcão")
    staff = client_for(staff_user)
    assert "Rodrigo Falcão" in staff.get("/people/").content.decode()
    person.job_title = "Mediador intercultural"
    person.save()
    assert "Mediador intercultural" in staff.get("/people/").content.decode()
    mark_as_left(person)
    assert "Rodrigo Falcão" not in staff.get("/people/").content.decode()
    coordinator = client_for(coordinator_user)
    assert "Rodrigo Falcão" in coordinator.get("/people/", {"left": "on"}).content.decode()
    staff = client_for(staff_user)
    assert "Rodrigo Falcão" not in staff.get("/people/", {"left": "on"}).content.decode()
