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

The panels, rendered, are kept in the cache per person and language
(``rendered_panels``): they hold no form (no CSRF token), and the key holds the content
generation (any save or delete moves it on: intranet.core.caching) and the quarter-hour in
Lisbon, so what depends on the clock ("open now", "due today") follows it. Panel templates
must not hold forms.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wagtail import hooks

from .caching import remember

HOOK_NAME = "register_dashboard_panel"


@dataclass
class DashboardPanel:
    key: str
    title: str
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    wide: bool = False
    icon: str = ""  # beside the heading (static/img/icons.svg), to help scan the dashboard


def panels_for(request: HttpRequest) -> list[DashboardPanel]:
    panels = [panel for fn in hooks.get_hooks(HOOK_NAME) if (panel := fn(request)) is not None]
    return sorted(panels, key=lambda p: (p.order, p.key))


def rendered_panels(request: HttpRequest) -> str:
    """The dashboard's panels as HTML, from the cache when nothing has changed."""
    now = timezone.localtime()
    quarter = f"{now:%Y%m%d%H}{now.minute // 15}"
    key = f"dashboard:{request.user.pk}:{translation.get_language()}:{quarter}"
    return remember(
        key,
        lambda: render_to_string(
            "core/includes/dashboard_panels.html", {"panels": panels_for(request)}, request
        ),
        request=request,
    )
