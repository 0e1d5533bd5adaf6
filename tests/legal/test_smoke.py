import pytest


@pytest.mark.django_db
def test_smoke(client_for, staff_user, must_read, make_update):
    old = make_update("Antiga")
    new = must_read("Nova", supersedes=old)
    c = client_for(staff_user)
    r = c.get(old.url)
    assert r.status_code == 200, r.content
    assert "Nova" in r.content.decode()
    r = c.get("/legal-updates/")
    assert r.status_code == 200
    r = c.post(f"/legal-updates/{new.pk}/acknowledge/")
    assert r.status_code == 302
    r = c.get("/")
    assert r.status_code == 200
