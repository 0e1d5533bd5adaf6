"""Dashboard panels. Apps contribute panels through the ``register_dashboard_panel`` hook,
so the core never imports training, network or legal code:

    @hooks.register("register_dashboard_panel")
    def training_progress_panel(request):
        if not is_staff_member(request.user):
            return None
        return DashboardPanel(
            key="training-progress", title=_("My training"),
            template_name="training/panels/progress.html", context={...}, order=20,
        )

A hook returns a ``DashboardPanel`` or ``None`` (nothing to show for this user). Panels are
shown by ``order``, lowest first.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from wagtail import hooks

HOOK_NAME = "register_dashboard_panel"


@dataclass
class DashboardPanel:
    key: str
    title: str
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    wide: bool = False


def panels_for(request: HttpRequest) -> list[DashboardPanel]:
    panels = [panel for fn in hooks.get_hooks(HOOK_NAME) if (panel := fn(request)) is not None]
    return sorted(panels, key=lambda p: (p.order, p.key))
