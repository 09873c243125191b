"""Every URL of the site, from Django's resolver, made concrete with a side's objects.

A new page is picked up by itself: if it takes an id, `OBJECTS` must say which object of a
side it names (test_permission_matrix fails until it does), and it is then tried by every
role on both wards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Pages anyone may open without logging in. Everything else sends an anonymous visitor to the
# login page (or answers 401 on the API).
PUBLIC = {
    "accounts:login",  # the login page itself
    "accounts:logout",  # logging out (POST) when not logged in only lands on the login page
    "set_language",  # the language menu (POST), stored in a cookie
    "verify:certificate",  # anyone may check that a printed certificate is genuine
    "verify:pdf",  # and upload a copy of the decision PDF to check its signature (POST)
    "disclosure:index",  # the public list of nominees for comments (Law 2022, Đ. 84)
    "disclosure:detail",
    "api:schema",  # the API's description: no data
    "api:docs",
    "api:redoc",
    "api:not_found",  # the API's JSON 404 for any other address
}

# For each URL that takes an id: which object of a side each keyword names.
OBJECTS: dict[str, dict[str, str]] = {
    "organisations:detail": {"pk": "unit"},
    "organisations:group": {"pk": "emulation_group"},
    "organisations:group_edit": {"pk": "emulation_group"},
    "people:detail": {"pk": "person"},
    "people:edit": {"pk": "person"},
    "people:service_create": {"pk": "person"},
    "people:service_edit": {"pk": "person", "period_pk": "service_period"},
    "people:year_create": {"pk": "person"},
    "people:year_edit": {"pk": "person", "record_pk": "year_record"},
    "awards:detail": {"pk": "award"},
    "awards:record_person": {"person_pk": "person"},
    "awards:record_unit": {"unit_pk": "unit"},
    "imports:detail": {"pk": "import_batch"},
    "movements:detail": {"pk": "movement"},
    "movements:edit": {"pk": "movement"},
    "movements:task_add": {"pk": "movement"},
    "movements:task_remove": {"pk": "key_task"},
    "movements:target_add": {"pk": "movement"},
    "movements:target_remove": {"pk": "movement_target"},
    "movements:launch": {"pk": "movement"},
    "movements:close": {"pk": "movement"},
    "movements:plan_docx": {"pk": "movement"},
    "movements:register": {"pk": "movement", "unit_pk": "member_unit"},
    "movements:remind": {"pk": "movement", "unit_pk": "member_unit"},
    "movements:pledge_create": {"pk": "movement"},
    "movements:pledge": {"pk": "pledge"},
    "movements:pledge_target_add": {"pk": "pledge"},
    "movements:pledge_target_edit": {"pk": "pledge_target"},
    "movements:pledge_target_remove": {"pk": "pledge_target"},
    "movements:pledge_sign": {"pk": "pledge"},
    "movements:pledge_revise": {"pk": "pledge"},
    "movements:pledge_docx": {"pk": "pledge"},
    "movements:report": {"pk": "pledge", "unit_pk": "member_unit"},
    "movements:evidence": {"pk": "progress_report"},
    "movements:sheet_create": {"pk": "pledge"},
    "movements:sheet": {"pk": "score_sheet"},
    "movements:criterion_add": {"pk": "score_sheet"},
    "movements:sheet_open": {"pk": "score_sheet"},
    "movements:score_self": {"pk": "score_sheet", "unit_pk": "member_unit"},
    "movements:score_review": {"pk": "score_sheet", "unit_pk": "member_unit"},
    "movements:sheet_rank": {"pk": "score_sheet"},
    "movements:sheet_propose": {"pk": "score_sheet"},
    "movements:sheet_nominate": {"pk": "score_sheet"},
    "reports:person_register": {"pk": "person"},
    "reports:person_register_xlsx": {"pk": "person"},
    "reports:goal_remove": {"pk": "share_goal"},
    "decisions:detail": {"pk": "decision"},
    "decisions:docx": {"pk": "decision"},
    "decisions:pdf": {"pk": "decision"},
    "decisions:edit": {"pk": "decision"},
    "decisions:delete": {"pk": "decision"},
    "decisions:sign": {"pk": "decision"},
    "decisions:revoke": {"pk": "decision"},
    "decisions:certificates_start": {"pk": "decision"},
    "decisions:certificates_status": {"pk": "decision", "batch_pk": "certificate_batch"},
    "decisions:certificates_download": {"pk": "decision", "batch_pk": "certificate_batch"},
    "legal_rules:evaluation": {"pk": "evaluation_run"},
    "legal_rules:evaluation_export": {"pk": "evaluation_run"},
    "nominations:disclosure": {"pk": "disclosure"},
    "nominations:disclosure_close": {"pk": "disclosure"},
    "nominations:detail": {"pk": "dossier"},
    "nominations:edit": {"pk": "dossier"},
    "nominations:add": {"pk": "dossier"},
    "nominations:import": {"pk": "dossier"},
    "nominations:attachment_add": {"pk": "dossier"},
    "nominations:submit": {"pk": "dossier"},
    "nominations:appraise": {"pk": "dossier"},
    "nominations:history": {"pk": "dossier"},
    "nominations:memo": {"pk": "dossier"},
    "nominations:edit_nomination": {"pk": "nomination"},
    "nominations:remove_nomination": {"pk": "nomination"},
    "nominations:attachment": {"pk": "attachment"},
    "nominations:attachment_remove": {"pk": "attachment"},
    "councils:detail": {"pk": "council"},
    "councils:session": {"pk": "session"},
    "councils:agenda_add": {"pk": "session"},
    "councils:open": {"pk": "session"},
    "councils:ballot": {"pk": "session"},
    "councils:close": {"pk": "session"},
    "councils:minutes": {"pk": "session"},
    "councils:decisions": {"pk": "session"},
    "councils:agenda_remove": {"pk": "agenda_item"},
    "councils:tally": {"pk": "agenda_item"},
    "disclosure:detail": {"pk": "disclosure"},
    "api:unit-detail": {"pk": "unit"},
    "api:person-detail": {"pk": "person"},
    "api:yearrecord-detail": {"pk": "year_record"},
    "api:award-detail": {"pk": "award"},
    "api:verdict-detail": {"pk": "verdict"},
    "api:dossier-detail": {"pk": "dossier"},
    "api:nomination-detail": {"pk": "nomination"},
    "api:decision-detail": {"pk": "decision"},
    "api:revoke": {"pk": "token"},
}

# Values for keywords that are not ids.
TEXT_ARGS = {"kind": "people", "token": "khong-co-chung-nhan-nay", "fmt": "pdf"}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    keywords: tuple[str, ...]
    is_api: bool

    @property
    def takes_ids(self) -> bool:
        return any(k not in TEXT_ARGS for k in self.keywords)


def _keywords(pattern: Any) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    regex = getattr(pattern.pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def routes() -> list[Route]:
    """Every named URL of the site except Django admin (which has its own staff login)."""
    found: dict[str, Route] = {}
    for name, pattern in _walk(get_resolver()):
        if not name.startswith("admin:") and name not in found:
            # A REST framework view (it answers 401, not a redirect, without credentials).
            is_api = hasattr(pattern.callback, "cls") and name.startswith("api:")
            found[name] = Route(name, _keywords(pattern), is_api)
    return sorted(found.values(), key=lambda r: r.name)


def url_for(route: Route, side: SimpleNamespace) -> str:
    names = OBJECTS.get(route.name, {})
    kwargs: dict[str, Any] = {}
    for keyword in route.keywords:
        if keyword in names:
            kwargs[keyword] = getattr(side, names[keyword]).pk
        else:
            kwargs[keyword] = TEXT_ARGS[keyword]
    return reverse(route.name, kwargs=kwargs)


def concrete_urls(side: SimpleNamespace) -> list[tuple[str, Route]]:
    return [(url_for(route, side), route) for route in routes() if not _unnamed_ids(route)]


def _unnamed_ids(route: Route) -> list[str]:
    names = OBJECTS.get(route.name, {})
    return [k for k in route.keywords if k not in names and k not in TEXT_ARGS]


def routes_missing_objects() -> list[str]:
    return [f"{route.name} {_unnamed_ids(route)}" for route in routes() if _unnamed_ids(route)]
