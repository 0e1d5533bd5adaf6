"""Suggesting a training topic from evidence found elsewhere in the intranet.

The insights page sees which questions come up most; the training programme takes topic
requests. Neither imports the other: training registers a handler with the hook
``register_topic_suggestion``,

    @hooks.register("register_topic_suggestion")
    def topic_request_from_suggestion(suggestion):
        request = TopicRequest.objects.create(...)
        return SuggestionReceipt(message=..., url=...)

and the insights page offers "suggest as training topic" only when a handler exists.
``evidence`` is text meant for people (already suppressed: never a count from 1 to 4).
"""

from dataclasses import dataclass

from django.contrib.auth.models import User

from wagtail import hooks

HOOK_NAME = "register_topic_suggestion"


@dataclass(frozen=True)
class TopicSuggestion:
    topic: str
    evidence: str
    suggested_by: User


@dataclass(frozen=True)
class SuggestionReceipt:
    message: str
    url: str = ""


def can_suggest_topics() -> bool:
    return bool(hooks.get_hooks(HOOK_NAME))


def suggest_topic(suggestion: TopicSuggestion) -> list[SuggestionReceipt]:
    """Hand the suggestion to every registered handler; what each did, for the person."""
    return [receipt for fn in hooks.get_hooks(HOOK_NAME) if (receipt := fn(suggestion))]
