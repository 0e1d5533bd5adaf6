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
