from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.core.dashboard import DashboardPanel
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
