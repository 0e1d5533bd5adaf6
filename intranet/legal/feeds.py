"""Atom feeds of legal updates, for feed readers: a session or a personal token."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from intranet.core.sections import section_url
from intranet.core.topics import TOPIC_SLUGS, topic_label

from .models import LegalUpdatePage, TaggedLegalUpdate

FEED_SIZE = 30


class LegalUpdatesFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Sem Fronteiras"

    def get_object(self, request, topic=None):
        if topic is not None and topic not in TOPIC_SLUGS:
            raise Http404
        self.request = request
        return topic

    def title(self, topic):
        if topic:
            return _("Legal updates: %(topic)s · Sem Fronteiras") % {"topic": topic_label(topic)}
        return _("Legal updates · Sem Fronteiras")

    def subtitle(self, topic):
        return _("Changes in the law that the network's staff must know about.")

    def link(self, topic):
        index = section_url("legal.LegalUpdateIndexPage", self.request) or "/"
        return f"{index}?{urlencode({'topic': topic})}" if topic else index

    def items(self, topic):
        updates = LegalUpdatePage.objects.live().order_by("-first_published_at", "-pk")
        if topic:
            updates = updates.filter(tagged_items__tag__slug=topic)
        tags = Prefetch("tagged_items", queryset=TaggedLegalUpdate.objects.select_related("tag"))
        return updates.prefetch_related(tags)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = item.summary
        if item.action_required:
            text += "\n\n" + _("What to do differently:") + " " + item.action_required
        return text

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"urn:semfronteiras:legal-update:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic_label(t.tag.slug) for t in item.tagged_items.all()]
