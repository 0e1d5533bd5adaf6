from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.core.collation import by_name
from intranet.core.dashboard import DashboardPanel
from intranet.core.field_mode import OfflinePage
from intranet.core.roles import is_staff_member
from intranet.core.search import SearchElsewhere
from intranet.core.sections import section_url

from .models import Language, PartnerOrganisation, ServiceProvider


class ServiceProviderViewSet(SnippetViewSet):
    model = ServiceProvider
    icon = "site"
    menu_label = _("Service providers")
    list_display = ["name", "category", "municipality", "updated_at"]
    list_filter = ["category", "municipality"]
    search_fields = ["name", "municipality"]
    ordering = ["name"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partner organisations")
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    ordering = ["sort_order", "name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "doc-full"
    menu_label = _("Languages")
    list_display = ["name", "name_en", "code"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Network directory")
    menu_icon = "site"
    menu_order = 250
    items = (ServiceProviderViewSet, PartnerOrganisationViewSet, LanguageViewSet)


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_dashboard_panel")
def offices_open_now_panel(request):
    if not is_staff_member(request.user):
        return None
    from .services import offices_queryset

    offices = [office for office in offices_queryset() if office.is_open_now()]
    return DashboardPanel(
        key="offices-open-now",
        icon="building",
        title=_("Offices open now"),
        template_name="network/panels/open_now.html",
        context={"offices": offices},
        order=60,
    )


@hooks.register("register_search_elsewhere")
def search_the_directory(request, query):
    """Services and partner organisations are not pages: offer the directory's search."""
    url = section_url("network.NetworkDirectoryPage", request)
    if not url:
        return None
    return SearchElsewhere(
        key="directory",
        text=_("Look for “%(query)s” among the services in the network directory")
        % {"query": query},
        url=f"{url}?{urlencode({'q': query})}",
    )


@hooks.register("register_demo_data", order=10)
def load_demo(stdout):
    from .demo import load

    load(stdout)


# The directory's categories that answer each topic of the shared vocabulary
# (intranet.core.topics), for the enquiry form's answer at hand.
TOPIC_CATEGORIES = {
    "immigration-procedures": ["immigration", "legal-aid"],
    "employment": ["employment"],
    "housing": ["housing", "municipal-social"],
    "education": ["education"],
    "health": ["health-centre", "hospital"],
    "social-security": ["social-security", "municipal-social"],
    "training": ["employment", "education"],
    "other": ["association", "legal-aid", "municipal-social"],
}


@hooks.register("register_topic_resources")
def providers_for_topic(request, topic, municipality):
    """Services of the categories that answer the topic: those in the office's
    municipality first, then the nearest others the directory has (district services)."""
    from django.db.models import Case, IntegerField, Value, When

    from intranet.core.resources import PER_KIND, TopicResource

    from .models import ServiceProvider

    categories = TOPIC_CATEGORIES.get(topic, [])
    if not categories:
        return []
    providers = (
        ServiceProvider.objects.filter(category__in=categories)
        .annotate(
            here=Case(
                When(municipality=municipality, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("here", by_name("name"))
        .only("id", "name", "slug", "municipality", "category")[:PER_KIND]
    )
    return [
        TopicResource(
            "provider",
            provider.name,
            provider.get_absolute_url(),
            f"{provider.get_category_display()} · {provider.municipality}",
        )
        for provider in providers
    ]


@hooks.register("register_offline_pages")
def offline_directory_page(request):
    """Everyone who may open the directory (partners too) keeps a copy for no signal."""
    return [OfflinePage(url=reverse("network:offline-directory"), title=_("Network directory"))]


@hooks.register("register_search_type")
def offices_search_type():
    from .search import OFFICES

    return OFFICES


@hooks.register("register_search_type")
def services_search_type():
    from .search import SERVICES

    return SERVICES


@hooks.register("register_scale_data", order=10)
def seed_scale_data(run):
    from .demo.scale import seed

    seed(run)
