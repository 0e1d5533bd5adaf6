"""Demo staff for the people finder: the association's team in Alcáçovas and one person
in each municipal office. Names, phone numbers and emails are fictional.

Idempotent: users, languages and tags are matched by stable keys; running twice
changes nothing.
"""

import datetime

from django.contrib.auth.models import Group, User

from intranet.core.demo import DEMO_PASSWORD
from intranet.core.roles import STAFF
from network.models import SupportOfficePage

from .models import Profile, ProfileLanguage

ALC = "gabinete-alcacovas"

# username, first, last, office slug, job title, role, phone, languages, expertise, start, left
PEOPLE = [
    (
        "coordinator",
        "Marta",
        "Gonçalves",
        ALC,
        "Coordenadora da rede",
        "coordinator",
        "+351 266 100 101",
        [("en", "fluent"), ("fr", "intermediate")],
        ["coordenação", "AIMA", "formação"],
        "2019-01-07",
        None,
    ),
    (
        "staff",
        "Ana",
        "Conceição",
        ALC,
        "Técnica de apoio a migrantes",
        "staff",
        "+351 912 100 102",
        [("en", "fluent"), ("ro", "intermediate")],
        ["AIMA", "reagrupamento familiar", "habitação"],
        "2020-03-02",
        None,
    ),
    (
        "joao.simoes",
        "João",
        "Simões",
        ALC,
        "Técnico de apoio a migrantes",
        "staff",
        "+351 912 100 103",
        [("ro", "fluent"), ("en", "intermediate")],
        ["habitação", "AIMA"],
        "2019-09-16",
        None,
    ),
    (
        "maria.joao.fernandes",
        "Maria João",
        "Fernandes",
        ALC,
        "Mediadora intercultural",
        "mediator",
        "+351 963 100 104",
        [("ru", "fluent"), ("uk", "intermediate")],
        ["Segurança Social", "SNS"],
        "2020-01-13",
        None,
    ),
    (
        "goncalo.araujo",
        "Gonçalo",
        "Araújo",
        ALC,
        "Jurista",
        "staff",
        "+351 266 100 105",
        [("en", "fluent"), ("fr", "intermediate")],
        ["AIMA", "reagrupamento familiar", "Lei de Estrangeiros"],
        "2021-02-01",
        None,
    ),
    (
        "ines.beirao",
        "Inês",
        "Beirão",
        ALC,
        "Técnica de emprego e formação",
        "staff",
        "+351 926 100 106",
        [("en", "fluent"), ("es", "intermediate")],
        ["IEFP", "emprego", "formação profissional"],
        "2019-05-06",
        None,
    ),
    (
        "antonio.lourenco",
        "António",
        "Lourenço",
        ALC,
        "Técnico de trabalho de proximidade",
        "staff",
        "+351 936 100 107",
        [("bg", "intermediate"), ("ro", "basic")],
        ["trabalho de proximidade", "habitação"],
        "2022-04-04",
        None,
    ),
    (
        "helena.macas",
        "Helena",
        "Maçãs",
        ALC,
        "Técnica administrativa",
        "administrative",
        "+351 266 100 108",
        [("en", "basic")],
        ["atendimento", "Finanças"],
        "2018-10-01",
        None,
    ),
    (
        "sergio.galvao",
        "Sérgio",
        "Galvão",
        ALC,
        "Mediador intercultural",
        "mediator",
        "+351 961 100 109",
        [("ar", "native"), ("fr", "fluent")],
        ["SNS", "educação"],
        "2021-06-14",
        None,
    ),
    (
        "conceicao.brandao",
        "Conceição",
        "Brandão",
        ALC,
        "Psicóloga",
        "staff",
        "+351 917 100 110",
        [("en", "intermediate")],
        ["saúde mental", "educação"],
        "2020-11-02",
        None,
    ),
    (
        "luis.estevao",
        "Luís",
        "Estêvão",
        ALC,
        "Técnico de habitação",
        "staff",
        "+351 927 100 111",
        [("ne", "basic"), ("en", "fluent")],
        ["habitação", "juntas de freguesia"],
        "2023-01-09",
        None,
    ),
    (
        "patricia.moucho",
        "Patrícia",
        "Moucho",
        ALC,
        "Técnica de educação",
        "staff",
        "+351 967 100 112",
        [("hi", "intermediate"), ("en", "fluent")],
        ["educação", "agrupamentos de escolas"],
        "2022-09-12",
        None,
    ),
    (
        "rodrigo.falcao",
        "Rodrigo",
        "Falcão",
        ALC,
        "Técnico de apoio a migrantes",
        "staff",
        "+351 937 100 113",
        [("ru", "intermediate")],
        ["Segurança Social"],
        "2019-02-04",
        "2025-06-30",
    ),
    (
        "tiago.adao",
        "Tiago",
        "Adão",
        "gabinete-viana-do-alentejo",
        "Técnico municipal",
        "staff",
        "+351 266 200 201",
        [("uk", "fluent"), ("ru", "fluent")],
        ["habitação", "Segurança Social"],
        "2020-02-03",
        None,
    ),
    (
        "beatriz.correia",
        "Beatriz",
        "Correia",
        "gabinete-alvito",
        "Técnica municipal",
        "staff",
        "+351 284 200 202",
        [("ne", "intermediate"), ("en", "fluent")],
        ["SNS", "AIMA"],
        "2021-03-01",
        None,
    ),
    (
        "leonor.quiterio",
        "Leonor",
        "Quitério",
        "gabinete-cuba",
        "Técnica municipal",
        "staff",
        "+351 284 200 203",
        [("ro", "intermediate")],
        ["educação", "IEFP"],
        "2020-05-04",
        None,
    ),
    (
        "filipe.caldeirao",
        "Filipe",
        "Caldeirão",
        "gabinete-vidigueira",
        "Técnico municipal",
        "staff",
        "+351 284 200 204",
        [("bg", "fluent")],
        ["habitação", "reagrupamento familiar"],
        "2022-01-10",
        None,
    ),
    (
        "sonia.ramalho",
        "Sónia",
        "Ramalho",
        "gabinete-portel",
        "Técnica municipal",
        "staff",
        "+351 266 200 205",
        [("hi", "basic"), ("pa", "basic"), ("en", "fluent")],
        ["SNS", "Segurança Social"],
        "2021-10-04",
        None,
    ),
    (
        "andre.pestana",
        "André",
        "Pestana",
        "gabinete-evora",
        "Técnico municipal",
        "staff",
        "+351 266 200 206",
        [("fr", "fluent"), ("ar", "basic")],
        ["AIMA", "IEFP"],
        "2019-11-18",
        None,
    ),
    (
        "gloria.pimentao",
        "Glória",
        "Pimentão",
        "gabinete-montemor-o-novo",
        "Técnica municipal",
        "staff",
        "+351 266 200 207",
        [("ru", "intermediate"), ("uk", "basic")],
        ["educação", "habitação"],
        "2023-03-06",
        None,
    ),
]

BIO = (
    "{first} trabalha {place}. Atende, encaminha e acompanha pessoas migrantes, "
    "sobretudo em {topics}.\nDados de demonstração: pessoa fictícia."
)


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def load(stdout) -> None:
    staff_group = Group.objects.get(name=STAFF)
    offices = {page.slug: page for page in SupportOfficePage.objects.all()}
    count = 0
    for (
        username,
        first,
        last,
        office_slug,
        job_title,
        role,
        phone,
        languages,
        expertise,
        start,
        left,
    ) in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@semfronteiras.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(staff_group)
        profile, _ = Profile.objects.get_or_create(user=user)
        office = offices.get(office_slug)
        profile.office = office
        profile.job_title = job_title
        profile.role = role
        profile.phone = phone
        profile.start_date = _date(start)
        profile.is_active_member = left is None
        profile.left_on = _date(left)
        profile.bio = BIO.format(
            first=first,
            place=f"no {office.title}" if office else "num gabinete da rede",
            topics=" e ".join(expertise[:2]),
        )
        profile.save()
        for code, level in languages:
            ProfileLanguage.objects.update_or_create(
                profile=profile, language=code, defaults={"level": level}
            )
        profile.expertise.set(expertise)
        profile.refresh_search()
        count += 1
    stdout.write(f"  people: {count} staff profiles (fictional)")
