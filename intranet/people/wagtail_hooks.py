from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from intranet.core.dashboard import DashboardPanel
from intranet.core.roles import is_staff_member

from .models import Profile
from .services import completeness


@hooks.register("register_dashboard_panel")
def complete_profile_panel(request):
    """Tells staff what their profile still lacks; nothing once it is complete."""
    if not is_staff_member(request.user):
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
        title=_("Your profile"),
        template_name="people/panels/complete_profile.html",
        context={"percent": result.percent, "missing": result.missing},
        order=50,
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
