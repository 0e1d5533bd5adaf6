from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from intranet.core.dashboard import DashboardPanel
from intranet.core.roles import is_staff_member

from .models import Profile
from .services import colleagues, completeness, is_colleague

OFFICE_STAFF_SHOWN = 50


@hooks.register("register_dashboard_panel")
def complete_profile_panel(request):
    """Tells staff what their profile still lacks; nothing once it is complete. Only people
    who work in the network: an administrator account outside Staff/Coordinators is not in
    the people finder, so it is not nagged."""
    if not is_colleague(request.user):
        return None
    profile = (
        Profile.objects.select_related("user")
        .prefetch_related("languages", "expertise")
        .filter(user=request.user)
        .first()
    )
    if profile is None:
        return None
    result = completeness(profile)
    if result.complete:
        return None
    return DashboardPanel(
        key="complete-profile",
        icon="user",
        title=_("Your profile"),
        template_name="people/panels/complete_profile.html",
        context={"percent": result.percent, "missing": result.missing},
        order=50,
    )


@hooks.register("register_office_panel")
def office_staff_panel(request, office):
    """ "Staff based here" on an office page: the office's ``colleagues()``, so people who
    have left or whose login is off never appear. Partners see the names too (the office's
    team is public in the directory) but get no links into the people finder."""
    people = (
        colleagues(office=office)
        .select_related("profile")
        .order_by("profile__search_name", "pk")[:OFFICE_STAFF_SHOWN]
    )
    return DashboardPanel(
        key="office-staff",
        title=_("Staff based here"),
        template_name="people/panels/office_staff.html",
        context={"people": list(people), "link_profiles": is_staff_member(request.user)},
        order=10,
    )


@hooks.register("register_demo_data", order=20)
def load_demo(stdout):
    from .demo import load

    load(stdout)


@hooks.register("register_personal_data", order=-20)
def profile_personal_data(user):
    from .services import profile_data

    data = profile_data(user)
    return None if data is None else ("profile", data)


@hooks.register("register_search_type")
def people_search_type():
    from .search import PEOPLE

    return PEOPLE


@hooks.register("register_scale_data", order=20)
def seed_scale_data(run):
    from .demo.scale import seed

    seed(run)
