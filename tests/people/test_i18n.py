import pytest

from tests.people.factories import ProfileFactory


@pytest.mark.django_db
def test_people_pages_speak_portuguese_by_default(client_for, staff_user):
    ProfileFactory(
        username="joao", first_name="João", last_name="Simões", languages=[("ro", "fluent")]
    )
    client = client_for(staff_user, language="pt-pt")
    finder = client.get("/people/").content.decode()
    assert "Editar o meu perfil" in finder
    assert "Todas as línguas" in finder
    assert "Romeno (incl. moldavo)" in finder
    profile = client.get("/people/joao/").content.decode()
    assert "Fluente" in profile
    assert "Adicionar aos contactos (vCard)" in profile
    form = client.post(
        "/people/me/edit/",
        {"phone": "123", "languages-TOTAL_FORMS": "0", "languages-INITIAL_FORMS": "0"},
    ).content.decode()
    assert "Indique um número de telefone válido" in form


@pytest.mark.django_db
def test_the_same_pages_in_english(client_for, staff_user):
    client = client_for(staff_user, language="en")
    finder = client.get("/people/").content.decode()
    assert "Edit my profile" in finder
    assert "All languages" in finder


@pytest.mark.django_db
def test_dates_are_written_the_portuguese_and_the_british_way(client_for, coordinator_user):
    import datetime

    from intranet.people.services import mark_as_left

    person = ProfileFactory(username="rita", start_date=datetime.date(2019, 11, 4))
    mark_as_left(person, on=datetime.date(2026, 12, 15))
    english = client_for(coordinator_user, language="en").get("/people/rita/").content.decode()
    assert "in the network since November 2019" in english
    assert "Left the network on 15 December 2026" in english
    portuguese = client_for(coordinator_user, language="pt-pt").get("/people/rita/")
    assert "15 de" in portuguese.content.decode() and "de 2026" in portuguese.content.decode()
