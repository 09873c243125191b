"""Filters for the movements pages: {{ value|number_vi }}, {{ share|percent }}."""

from __future__ import annotations

from decimal import Decimal

from django import template

from tdkt.documents.numbers import decimal_vi

register = template.Library()

register.filter("number_vi", decimal_vi)


@register.filter
def percent(share: Decimal | None) -> str:
    return "—" if share is None else f"{round(share * 100)} %"


@register.filter
def get_item(mapping: dict, key: object) -> object:  # type: ignore[type-arg]
    return mapping.get(key) if mapping else None
