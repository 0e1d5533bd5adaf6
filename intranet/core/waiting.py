""" "Waiting for me": the work a coordinator has to pick up, from every app, in one list.

Each app says what is waiting through the ``register_waiting_items`` hook, so the core
never imports training, legal, knowledge or the enquiries:

    @hooks.register("register_waiting_items")
    def topic_requests_waiting(request):
        if not is_coordinator(request.user):
            return []
        n = TopicRequest.objects.filter(status="new").count()
        return [WaitingItem("topic-requests", _("Topic requests to triage"), n, url)]

A hook returns a list of ``WaitingItem`` (empty when nothing concerns this user); items with
a count of zero are dropped. The list is shown on the dashboard (``waiting_panel``) and on
the Wagtail admin's home page (``construct_homepage_panels``). Each hook costs a fixed
number of queries, whatever the amount of data.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest

from wagtail import hooks

HOOK_NAME = "register_waiting_items"


@dataclass
class WaitingItem:
    key: str
    label: str
    count: int
    url: str
    order: int = 100
    # A few lines of detail under the item (e.g. who has overdue readings, which session
    # waits for its register); the link leads to the whole list.
    details: list[str] = field(default_factory=list)


def waiting_for(request: HttpRequest) -> list[WaitingItem]:
    items = [item for fn in hooks.get_hooks(HOOK_NAME) for item in (fn(request) or [])]
    return sorted((item for item in items if item.count), key=lambda i: (i.order, i.key))
