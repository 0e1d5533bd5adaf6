"""The answer at hand: what the intranet knows about a topic, wherever it lives.

The enquiry form asks "what do we have on housing, for an office in Cuba?" while a staff
member logs the question. The core does not know legal updates, knowledge articles or
directory providers; each app registers what it has with the hook
``register_topic_resources``:

    @hooks.register("register_topic_resources")
    def legal_updates_on_topic(request, topic, municipality):
        return [TopicResource(kind="legal", title=..., url=..., summary=...), ...]

``topic`` is a slug of ``intranet.core.topics.ENQUIRY_TOPICS``; ``municipality`` the office's
municipality (or ""). A hook returns a list (empty: nothing on that topic). Results are for
network staff: the caller checks the person may see them, the hooks that what they return
is visible to ``request.user``.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

HOOK_NAME = "register_topic_resources"
PER_KIND = 5

KIND_LABELS = {
    "knowledge": _("Knowledge base"),
    "legal": _("Legal updates"),
    "provider": _("Services nearby"),
}


@dataclass(frozen=True)
class TopicResource:
    kind: str  # a key of KIND_LABELS
    title: str
    url: str
    summary: str = ""


@dataclass
class ResourceGroup:
    kind: str
    label: str
    resources: list[TopicResource]


def resources_for(request: HttpRequest, topic: str, municipality: str = "") -> list[ResourceGroup]:
    """Every registered resource on the topic, grouped by kind, at most ``PER_KIND`` each."""
    grouped: dict[str, list[TopicResource]] = {}
    for fn in hooks.get_hooks(HOOK_NAME):
        for resource in fn(request, topic, municipality) or []:
            grouped.setdefault(resource.kind, []).append(resource)
    order = list(KIND_LABELS)
    return [
        ResourceGroup(kind, str(KIND_LABELS.get(kind, kind)), items[:PER_KIND])
        for kind, items in sorted(
            grouped.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99
        )
    ]
