"""Counting related rows without grouping the listing they annotate."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet, pointing_field: str) -> Coalesce:
    """How many of ``rows`` point at the outer row through ``pointing_field``, as a
    correlated subquery.

    ``annotate(n=Count("relation"))`` joins and groups the whole listing, so its paginator
    counts through the join too (at national scale, hundreds of milliseconds); this leaves
    the listing ungrouped: the paginator counts the listing alone (Django drops unused
    subquery annotations from ``count()``) and only the rows of the page shown are counted.
    """
    counted = (
        rows.filter(**{pointing_field: OuterRef("pk")})
        .order_by()
        .values(pointing_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
