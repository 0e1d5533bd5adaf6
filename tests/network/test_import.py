"""import_providers: validates every row, all or nothing, re-import updates by slug."""

import io

from django.core.management import CommandError, call_command

import pytest

from network.models import ServiceProvider

HEADER = "slug,name,category,municipality,phone,email,languages,hours,referral_note\n"
GOOD = (
    HEADER + "cs-cuba,Centro de Saúde de Cuba,health-centre,Cuba,284 419 100,cs@cuba.example,pt;uk,"
    '"mon 08:00-12:30; mon 14:00-20:00; sat 09:00-13:00",Pedir a enfermeira Rita\n'
    + "ss-evora,Segurança Social — Évora,social-security,Évora,300 502 502,,pt,,\n"
)


def _write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "providers.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_providers", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_good_file_is_imported(tmp_path, languages):
    out, _err = _run(_write(tmp_path, GOOD))
    assert "2 created, 0 updated" in out
    provider = ServiceProvider.objects.get(slug="cs-cuba")
    assert provider.name == "Centro de Saúde de Cuba"
    assert {lang.code for lang in provider.languages.all()} == {"pt", "uk"}
    assert provider.hours_text().count(":") == 6
    assert provider.has_after_hours
    assert provider.revisions.count() == 1


@pytest.mark.django_db
def test_reimport_updates_instead_of_duplicating(tmp_path, languages):
    _run(_write(tmp_path, GOOD))
    changed = GOOD.replace("284 419 100", "284 419 999").replace(
        "mon 14:00-20:00; sat 09:00-13:00", "mon 14:00-17:30"
    )
    out, _err = _run(_write(tmp_path, changed))
    assert "0 created, 2 updated" in out
    assert ServiceProvider.objects.count() == 2
    provider = ServiceProvider.objects.get(slug="cs-cuba")
    assert provider.phone == "284 419 999"
    assert provider.opening_hours.count() == 2
    assert not provider.has_after_hours


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_nothing_is_written(tmp_path, languages):
    bad = (
        GOOD
        + "x-1,Sem categoria,unknown-kind,Évora,,,,,\n"
        + "x-2,Telefone mau,hospital,Évora,12ab,not-an-email,pt,,\n"
        + 'x-3,Horas trocadas,hospital,Évora,,,,"tue 17:00-09:00",\n'
        + 'x-4,Horas sobrepostas,hospital,Évora,,,,"tue 09:00-13:00; tue 12:00-15:00",\n'
        + "x-5,Língua desconhecida,hospital,Évora,,,xx,,\n"
        + "cs-cuba,Repetido,hospital,Cuba,,,,,\n"
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        _run(_write(tmp_path, bad))
    assert ServiceProvider.objects.count() == 0


@pytest.mark.django_db
def test_error_messages_name_line_and_field(tmp_path, languages):
    bad = (
        GOOD
        + "x-1,Sem categoria,unknown-kind,Évora,,,,,\n"
        + "x-2,Telefone mau,hospital,Évora,12ab,not-an-email,pt,,\n"
        + 'x-3,Horas trocadas,hospital,Évora,,,,"tue 17:00-09:00",\n'
        + 'x-4,Horas sobrepostas,hospital,Évora,,,,"tue 09:00-13:00; tue 12:00-15:00",\n'
        + "x-5,Língua desconhecida,hospital,Évora,,,xx,,\n"
        + "cs-cuba,Repetido,hospital,Cuba,,,,,\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_providers", str(_write(tmp_path, bad)), stdout=io.StringIO(), stderr=err
        )
    lines = err.getvalue().splitlines()
    assert any(line.startswith("line 4: category:") for line in lines)
    assert any(line.startswith("line 5: phone:") for line in lines)
    assert any(line.startswith("line 5: email:") for line in lines)
    assert any(line.startswith("line 6: hours:") for line in lines)
    assert any(line.startswith("line 7: hours:") for line in lines)
    assert any(line.startswith("line 8: languages:") and "xx" in line for line in lines)
    assert any(line.startswith("line 9: slug:") and "cs-cuba" in line for line in lines)
    assert not any(line.startswith(("line 2:", "line 3:")) for line in lines)


@pytest.mark.django_db
def test_partial_imports_the_good_rows(tmp_path, languages):
    bad = GOOD + "x-1,Sem categoria,unknown-kind,Évora,,,,,\n"
    out, err = _run(_write(tmp_path, bad), "--partial")
    assert "2 created" in out
    assert "line 4: category:" in err
    assert set(ServiceProvider.objects.values_list("slug", flat=True)) == {"cs-cuba", "ss-evora"}


@pytest.mark.django_db
def test_wrong_encoding_is_refused(tmp_path, languages):
    with pytest.raises(CommandError, match="UTF-8"):
        _run(_write(tmp_path, GOOD, encoding="cp1252"))
    assert ServiceProvider.objects.count() == 0


@pytest.mark.django_db
def test_wrong_columns_are_named(tmp_path, languages):
    text = "slug,nome,category,municipality,fax\ncs,Centro,health-centre,Cuba,1\n"
    with pytest.raises(CommandError) as error:
        _run(_write(tmp_path, text))
    assert "name" in str(error.value) and "nome" in str(error.value) and "fax" in str(error.value)
    assert ServiceProvider.objects.count() == 0


@pytest.mark.django_db
def test_excel_bom_is_accepted(tmp_path, languages):
    out, _err = _run(_write(tmp_path, "\ufeff" + GOOD))
    assert "2 created" in out
