from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.search import plain_words
from intranet.core.topics import TOPICS

from .models import LegalUpdatePage

# Text search goes through Wagtail's search index and comes back as ids; a cap keeps
# that list (and the query built from it) bounded.
MAX_SEARCH_HITS = 500
FIRST_YEAR = 2020


class LegalUpdateFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics")), *TOPICS]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *LegalUpdatePage.Status.choices],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(FIRST_YEAR, timezone.localdate().year + 1)
        self.fields["year"].choices = [("", _("Any year"))] + [
            (str(y), str(y)) for y in reversed(years)
        ]

    def filter(self, updates):
        data = self.cleaned_data
        if words := plain_words(data.get("q", "")):
            # Searched first: the search index filters only on its own FilterFields.
            hits = updates.search(words, operator="and")[:MAX_SEARCH_HITS]
            updates = updates.filter(pk__in=[hit.pk for hit in hits])
        if data.get("topic"):
            updates = updates.filter(tagged_items__tag__slug=data["topic"])
        if data.get("year"):
            updates = updates.filter(first_published_at__year=data["year"])
        status = data.get("status")
        if status:
            replaced = Exists(LegalUpdatePage.objects.live().filter(supersedes_id=OuterRef("pk")))
            if status == LegalUpdatePage.Status.SUPERSEDED:
                updates = updates.filter(Q(status=status) | (replaced & ~Q(status="repealed")))
            elif status == LegalUpdatePage.Status.REPEALED:
                updates = updates.filter(status=status)
            else:
                updates = updates.filter(status=status).exclude(replaced)
        return updates
