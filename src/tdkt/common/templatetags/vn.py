"""Template filters for Vietnamese dates and amounts: {{ d|long_date }}, {{ x|money }}."""

from __future__ import annotations

from django import template

from tdkt.common import formatting

register = template.Library()

register.filter("long_date", formatting.long_date)
register.filter("short_date", formatting.short_date)
register.filter("money", formatting.money)
register.filter("thousands", formatting.group_thousands)
