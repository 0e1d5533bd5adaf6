"""``{% shared_fragment "name" value ... %} … {% endshared_fragment %}``: a part of a page
that is the same for everyone with the same access, rendered once and kept in the cache.

The key holds the content generation (any save moves it on: ``intranet.core.caching``), the
language, the reader's access (superuser or groups: ``groups_key``), today's date, and the
values given (the page's id, say). So a change shows on the next request, no part crosses
roles or languages, and date-relative wording ("overdue", "in force from") is worked out
again each day. What is personal (a reader's own confirmation, booking or follow button)
stays outside the tag; so do forms with a CSRF token. A preview of a draft is never kept.

Context that only the part needs should be lazy (a queryset not yet evaluated, a method),
so that a kept part costs no query.
"""

import hashlib

from django import template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from intranet.core.caching import remember
from intranet.core.roles import groups_key

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, values, nodelist):
        self.name, self.values, self.nodelist = name, values, nodelist

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):  # a draft: never kept, never shown from the cache
            return self.nodelist.render(context)
        user = getattr(request, "user", None)
        access = groups_key(user) if user is not None and user.is_authenticated else "anonymous"
        values = ":".join(str(value.resolve(context)) for value in self.values)
        digest = hashlib.sha256(f"{access}|{values}".encode()).hexdigest()[:24]
        key = (
            f"fragment:{self.name.resolve(context)}:{translation.get_language()}:"
            f"{timezone.localdate()}:{digest}"
        )
        html = remember(key, lambda: self.nodelist.render(context), request=request)
        return mark_safe(html)  # noqa: S308 (rendered by this template)


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
