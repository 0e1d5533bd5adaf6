"""Demo data for the core: accounts for each role and the network's general pages.

Each app adds its own demo data through the ``register_demo_data`` hook; the
``load_demo`` command runs them all, in hook order. Every loader must be idempotent:
running it twice changes nothing and duplicates nothing.
"""

from django.contrib.auth.models import Group, User

from wagtail.models import Site

from .models import ContentPage, HomePage
from .roles import COORDINATORS, PARTNERS, STAFF

DEMO_PASSWORD = "sem-fronteiras-demo"  # noqa: S105 (documented, dev-only demo password)

DEMO_ACCOUNTS = [
    # username, first name, last name, email, group (None: superuser)
    ("admin", "Administração", "da Rede", "admin@semfronteiras.example", None),
    ("coordinator", "Marta", "Gonçalves", "marta.goncalves@semfronteiras.example", COORDINATORS),
    ("staff", "Ana", "Conceição", "ana.conceicao@semfronteiras.example", STAFF),
    ("partner", "Rui", "Valadas", "rui.valadas@parceiro.example", PARTNERS),
]

CONTENT_PAGES = [
    (
        "sobre-a-rede",
        "Sobre a rede Sem Fronteiras",
        "Oito gabinetes de apoio a migrantes no Alentejo, geridos por uma associação de "
        "desenvolvimento com sete municípios parceiros.",
        [
            (
                "paragraph",
                "<p>A rede junta o gabinete da associação Terras Dentro, em Alcáçovas, "
                "e sete gabinetes municipais, quase todos instalados nas câmaras municipais. "
                "Os gabinetes abrem também fora do horário normal e a equipa faz trabalho de "
                "proximidade nos locais de trabalho e de lazer.</p>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Dados de demonstração",
                    "text": "<p>Os nomes, contactos e registos desta instalação são "
                    "fictícios e servem apenas para demonstração.</p>",
                },
            ),
        ],
    ),
    (
        "como-usar-a-intranet",
        "Como usar a intranet",
        "Formação, atualizações legais, diretório da rede e base de conhecimento num só sítio.",
        [
            ("heading", {"text": "O que encontra aqui", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>O programa de formação de 60 horas e as suas horas.</li>"
                "<li>As atualizações legais que tem de ler e confirmar.</li>"
                "<li>O diretório dos gabinetes e dos serviços públicos.</li>"
                "<li>A base de conhecimento escrita pela equipa.</li></ul>",
            ),
        ],
    ),
]


def ensure_accounts() -> dict[str, User]:
    accounts = {}
    for username, first, last, email, group_name in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": email},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = group_name is None
        user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        accounts[username] = user
    return accounts


def ensure_content_pages() -> None:
    home = HomePage.objects.get()
    for slug, title, summary, body in CONTENT_PAGES:
        if ContentPage.objects.child_of(home).filter(slug=slug).exists():
            continue
        page = ContentPage(title=title, slug=slug, summary=summary, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()


def load(stdout) -> None:
    accounts = ensure_accounts()
    ensure_content_pages()
    site = Site.objects.get(is_default_site=True)
    if site.hostname != "localhost":
        site.hostname = "localhost"
        site.save()
    stdout.write(f"  core: {len(accounts)} demo accounts, general pages")
