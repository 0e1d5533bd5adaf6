from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours as people write them: 6, 3,5, 2,25 (no trailing zeros; localised)."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value))
    if number == number.to_integral():
        return number_format(number.quantize(Decimal(1)))
    return number_format(number.normalize())
