"""``{% shared_fragment %}``: the part of a page that is the same for everyone with the
same access is rendered once and kept; a change shows on the next request, no part
crosses roles, and a preview of a draft is never kept nor served from the cache."""

from django.template import Context, Template
from django.test import RequestFactory

import pytest

PART = Template(
    "{% load shared_fragments %}{% shared_fragment 'probe' 1 %}"
    "{{ user.username }}{% endshared_fragment %}"
)


def _render(user, *, preview=False):
    request = RequestFactory().get("/")
    request.user = user
    if preview:
        request.is_preview = True
    return PART.render(Context({"request": request, "user": user}))


@pytest.mark.django_db
def test_a_part_is_kept_per_access_not_across_roles(staff_user, coordinator_user, partner_user):
    from tests.core.factories import StaffFactory

    colleague = StaffFactory(username="colega")  # before: a new user moves the generation on
    assert _render(staff_user) == "tecnica"
    assert _render(colleague) == "tecnica"  # the same access: the kept part
    assert _render(coordinator_user) == "coordenadora"
    assert _render(partner_user) == "parceiro"


@pytest.mark.django_db
def test_a_preview_is_never_kept(staff_user):
    from tests.core.factories import StaffFactory

    colleague = StaffFactory(username="colega")
    assert _render(staff_user, preview=True) == "tecnica"
    assert _render(colleague) == "colega"
