"""OfficeChoiceField: the office a form saves, a select in a small network and a text
matched on the server in a large one."""

from django import forms
from django.utils import translation

import pytest

from network.models import SupportOfficePage
from network.office_filter import SELECT_UP_TO, OfficeChoiceField
from tests.network.factories import SupportOfficeFactory, many_offices


class OfficeForm(forms.Form):
    note = forms.CharField(required=False)

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"] = OfficeChoiceField(
            offices if offices is not None else SupportOfficePage.objects.all(), label="Office"
        )


@pytest.fixture(autouse=True)
def _english():
    """The messages below are read in English (pt-PT is the default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def cuba(db):
    return SupportOfficeFactory(title="Gabinete de Cuba", municipality="Cuba")


@pytest.fixture
def beja(db):
    return SupportOfficeFactory(title="Gabinete de Beja", municipality="Beja")


def test_a_small_network_chooses_from_a_select(cuba, beja):
    form = OfficeForm()
    assert not form.fields["office"].typed
    assert '<select name="office"' in str(form["office"])
    assert OfficeForm({"office": cuba.pk}).is_valid()


def test_a_large_network_types_the_office_and_the_server_finds_it(cuba, beja):
    many_offices(SELECT_UP_TO)
    form = OfficeForm()
    assert form.fields["office"].typed
    html = str(form["office"])
    assert "<select" not in html and 'type="text"' in html
    for text, office in [
        ("Gabinete de Cuba", cuba),
        ("gabinete de beja", beja),
        ("  cuba ", cuba),
        ("Beja", beja),  # the municipality
        (str(cuba.pk), cuba),  # an id, as field mode and older pages send
    ]:
        form = OfficeForm({"office": text})
        assert form.is_valid(), (text, form.errors)
        assert form.cleaned_data["office"] == office


def test_unknown_and_ambiguous_offices_say_so_and_keep_what_was_typed(cuba, beja):
    many_offices(SELECT_UP_TO)
    form = OfficeForm({"office": "Lisboa", "note": "kept"})
    assert not form.is_valid()
    assert form.errors["office"] == [
        "No office matches “Lisboa”: type part of its name or municipality."
    ]
    assert 'value="Lisboa"' in str(form["office"]) and 'value="kept"' in str(form["note"])
    form = OfficeForm({"office": "Gabinete de", "note": "kept"})
    assert not form.is_valid()
    assert form.errors["office"] == [
        "Several offices match “Gabinete de”: choose one of Gabinete de Beja, Gabinete de Cuba."
    ]
    assert 'value="Gabinete de"' in str(form["office"])
    many = OfficeForm({"office": "Posto de apoio"})
    assert not many.is_valid()
    assert "among them" in many.errors["office"][0]


def test_the_text_only_finds_offices_the_person_may_choose(cuba, beja):
    many_offices(SELECT_UP_TO)
    offices = SupportOfficePage.objects.exclude(pk=cuba.pk)
    for text in ["Gabinete de Cuba", str(cuba.pk)]:
        form = OfficeForm({"office": text}, offices=offices)
        assert not form.is_valid()


def test_the_initial_office_shows_by_name(cuba, beja):
    many_offices(SELECT_UP_TO)
    form = OfficeForm(initial={"office": cuba.pk})
    assert 'value="Gabinete de Cuba"' in str(form["office"])
