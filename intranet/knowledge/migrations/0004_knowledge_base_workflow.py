"""Link the "Coordinator review" workflow (core 0003) to the knowledge base itself, so the
knowledge base stays under coordinator review even if the workflow on the home page is
changed later in the admin."""

from django.db import migrations


def assign(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    KnowledgeBaseIndexPage = apps.get_model("knowledge", "KnowledgeBaseIndexPage")
    workflow = Workflow.objects.filter(name="Coordinator review").first()
    index = KnowledgeBaseIndexPage.objects.first()
    if workflow and index:
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_articles_follows"),
        ("core", "0003_roles"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
