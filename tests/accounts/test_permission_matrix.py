"""Every URL of the app, for every role (and anonymous) → the expected HTTP status.

URLs are discovered from the URL conf, so a new page fails here until it is given a permission
rule (a `public_page`/`page_requires` mark on its view) and an expected row in this table.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ruggensteun.accounts.models import Role, User
from tests.accounts.factories import user_with_role, verified_login

pytestmark = pytest.mark.django_db

ANON = "anonymous"
B, P, A, PRO, C, R, F = (
    Role.BEHEERDER,
    Role.PROGRAMMATEAM,
    Role.ANALIST,
    Role.PROFESSIONAL,
    Role.COALITIELID,
    Role.BEOORDELAAR,
    Role.FINANCIEN,
)
ROLES = [ANON, B, P, A, PRO, C, R, F]
SCOPES = {A: "GM0479", PRO: "WK047912", C: "WK047912", R: "GM0479"}
LOGGED_IN = [B, P, A, PRO, C, R, F]
STAFF = {B, P}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def login_then(status: int, allowed: set[str] | None = None) -> dict[str, int]:
    """Anonymous visitors are sent to the login page; logged-in users get `status` or 403."""
    table = {ANON: 302}
    for role in LOGGED_IN:
        table[role] = status if allowed is None or role in allowed else 403
    return table


EXPECTED: dict[str, dict[str, int]] = {
    "home": everyone(200),
    "focus-area-detail": everyone(200),
    "focus-area-create": login_then(200, {B, P, A}),
    # Correcting an area's wijken: the programme team only (issue 15).
    "focus-area-membership": login_then(200, {P}),
    "focus-area-download": everyone(200),
    # Zaanstad's wijk boundaries: the analyst of GM0479 and the national roles.
    "wijk-boundaries-upload": login_then(200, {B, P, A}),
    # Zaanstad's own figures (the template upload): the same people as for its wijk boundaries.
    "municipality-figures": login_then(200, {B, P, A}),
    "municipality-figures-template": login_then(200, {B, P, A}),
    "wijk-detail": everyone(200),
    "compare": everyone(200),
    "overview-download": everyone(200),
    "signals-home": everyone(200),
    "area-report": everyone(200),
    "practice-search": everyone(200),
    "practice-detail": everyone(200),  # a published example from the memo
    "practice-create": login_then(200, {B, P, C}),
    "practice-review": login_then(200, {B, P}),
    "practice-edit": login_then(200, {B, P}),  # editors; a coalitielid only their own drafts
    "practice-step": everyone(405),  # POST only
    "adoption-create": login_then(200, {B, P, C}),
    "coalition-list": everyone(200),
    "coalition-detail": everyone(200),
    "coalition-create": login_then(200, {B, P, C}),
    "signal-create": login_then(200, {PRO}),
    "signals-import": login_then(200, {PRO}),
    "signal-sessions": login_then(200, {P, A, PRO}),
    # A signal that does not exist: roles that may read signals get 404, the others 403.
    "signal-detail": login_then(404, {P, A, PRO}),
    "compare-download": everyone(404),  # without two areas chosen; tested with them elsewhere
    "set-language": everyone(302),
    "healthz": everyone(200),
    "favicon": everyone(200),
    "readyz": everyone(200),
    "login": {ANON: 200, **dict.fromkeys(LOGGED_IN, 302)},
    # Verified (or not needing it): on to the next page; anonymous: to the login page.
    "two-factor-verify": everyone(302),
    "two-factor-setup": login_then(200),
    "logout": everyone(405),  # POST only
    "profile": login_then(200),
    "password-change": login_then(200),
    "password-reset": everyone(200),
    "password-reset-sent": everyone(200),
    "password-reset-confirm": everyone(200),  # an invalid link shows a page saying so
    "password-reset-complete": everyone(200),
    "api:focus-area-list": everyone(200),
    "api:focus-area-detail": everyone(200),
    "api:region-list": everyone(200),
    "api:indicator-list": everyone(200),
    "api:indicator-detail": everyone(200),
    "api:observation-list": everyone(200),
    "api:focus-area-comparisons": everyone(200),
    "api:schema": everyone(200),
    "api:docs": everyone(200),
}
SAMPLE_KWARGS: dict[str, dict[str, str]] = {
    "focus-area-detail": {"slug": "zaandam-oost"},
    "focus-area-download": {"slug": "zaandam-oost", "fmt": "csv"},
    "focus-area-membership": {"slug": "zaandam-oost"},
    "wijk-detail": {"code": "WK047912"},
    "wijk-boundaries-upload": {"code": "GM0479"},
    "municipality-figures": {"code": "GM0479"},
    "municipality-figures-template": {"code": "GM0479", "fmt": "csv"},
    "overview-download": {"fmt": "csv"},
    "signal-detail": {"pk": "999999"},
    "area-report": {"slug": "zaandam-oost", "fmt": "html"},
    "practice-detail": {"slug": "coronaveilige-pleintjes-buurtvaders-schilderswijk"},
    "practice-edit": {"slug": "coronaveilige-pleintjes-buurtvaders-schilderswijk"},
    "practice-step": {"slug": "coronaveilige-pleintjes-buurtvaders-schilderswijk"},
    "adoption-create": {"slug": "coronaveilige-pleintjes-buurtvaders-schilderswijk"},
    "coalition-detail": {"slug": "gezondheidsverschillencoalitie-moerwijk"},
    "compare-download": {"fmt": "xlsx"},
    "api:focus-area-detail": {"slug": "zaandam-oost"},
    "api:focus-area-comparisons": {"slug": "zaandam-oost"},
    "api:indicator-detail": {"id": "ggd_moeite_rondkomen"},
    "password-reset-confirm": {"uidb64": "MQ", "token": "set-password"},
}

# Admin: which roles may see a model's list (view) and its add form (add).
ADMIN_VIEW = {
    "accounts.user": {B},
    "accounts.organisation": {B},
    "accounts.roleassignment": {B},
    "accounts.rolerequest": {B},
    "audit.auditevent": {B},
    "imports.importrun": {B, P},
    "areas.region": {B, P},
    "areas.regiongeometry": {B},
    "areas.programme": {B, P},
    "areas.focusarea": {B, P},
    # Seed money (issue 16): read only; money and call rules move through the services.
    "seedfund.fund": {B},
    "seedfund.call": {B},
    "seedfund.ledgerentry": {B},
}
ADMIN_ADD = {
    "accounts.user": {B},
    "accounts.organisation": {B},
    "accounts.roleassignment": {B},
    "accounts.rolerequest": set(),  # a request starts as a grant under roleassignment
    "audit.auditevent": set(),
    "imports.importrun": set(),
    "areas.region": set(),
    "areas.regiongeometry": set(),
    "areas.programme": {B, P},
    "areas.focusarea": {B, P},
    "seedfund.fund": set(),
    "seedfund.call": set(),
    "seedfund.ledgerentry": set(),
}


@dataclass(frozen=True)
class Page:
    name: str
    callback: Any


def named_patterns(resolver: URLResolver, namespace: str = "") -> Iterator[Page]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Page(f"{namespace}{entry.name}", entry.callback)


def app_pages() -> list[Page]:
    return [page for page in named_patterns(get_resolver()) if not page.name.startswith("admin:")]


@pytest.fixture
def clients() -> dict[str, Client]:
    result = {ANON: Client()}
    for role in LOGGED_IN:
        client = Client()
        user: User = user_with_role(role, SCOPES.get(role, ""))
        verified_login(client, user)  # past the second step where their role needs one
        result[role] = client
    return result


def test_every_page_has_a_rule_and_an_expected_row() -> None:
    for page in app_pages():
        view = getattr(page.callback, "cls", page.callback)
        assert hasattr(view, "page_rule") or hasattr(page.callback, "page_rule"), (
            f"{page.name}: mark the view with public_page or page_requires"
        )
        assert page.name in EXPECTED, f"{page.name}: add its expected statuses to this test"


def test_pages_by_role(clients: dict[str, Client]) -> None:
    from ruggensteun.practices.starter import load_practice_examples

    load_practice_examples()  # the memo's published examples, for the practice pages
    failures = []
    for page in app_pages():
        url = reverse(page.name, kwargs=SAMPLE_KWARGS.get(page.name))
        for role, expected in EXPECTED[page.name].items():
            status = clients[role].get(url).status_code
            if status != expected:
                failures.append(f"{page.name} as {role}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_admin_by_role(clients: dict[str, Client]) -> None:
    registered = {model._meta.label_lower: model for model in admin.site._registry}
    assert set(registered) == set(ADMIN_VIEW), "add new admin models to ADMIN_VIEW and ADMIN_ADD"
    failures = []
    for label, model in registered.items():
        app, name = model._meta.app_label, model._meta.model_name
        for verb, allowed in (("changelist", ADMIN_VIEW[label]), ("add", ADMIN_ADD[label])):
            url = reverse(f"admin:{app}_{name}_{verb}")
            for role in ROLES:
                expected = 302 if role not in STAFF else (200 if role in allowed else 403)
                status = clients[role].get(url).status_code
                if status != expected:
                    failures.append(f"{url} as {role}: {status}, expected {expected}")
    index = reverse("admin:index")
    for role in ROLES:
        expected = 200 if role in STAFF else 302
        if (status := clients[role].get(index).status_code) != expected:
            failures.append(f"{index} as {role}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)
