"""Replace Wagtail's welcome page with the intranet's dashboard as the site root."""

from django.db import migrations


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("core", "HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    # Wagtail's placeholder page holds the slug and path the dashboard takes over.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    taken = Page.objects.filter(depth=2).values_list("path", flat=True)
    step = 1
    while f"0001{step:04d}" in taken:
        step += 1
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="homepage")
    home = HomePage.objects.create(
        title="Início",
        draft_title="Início",
        slug="inicio",
        content_type=content_type,
        path=f"0001{step:04d}",
        depth=2,
        numchild=0,
        url_path="/inicio/",
        locale=locale,
        live=True,
    )
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Sem Fronteiras")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
