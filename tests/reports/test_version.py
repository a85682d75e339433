"""The report's cache version: each app's `<app>_version()` says when its part changed, and
`report_version()` only combines them. A change in one app changes that app's version (and so
the report's) and no other; what no report shows changes none."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from ruggensteun.accounts.models import Role
from ruggensteun.areas.models import FocusArea, FocusAreaMember, Region
from ruggensteun.areas.selectors import areas_version
from ruggensteun.audit.services import audit_record
from ruggensteun.imports.models import ImportRun, ImportStatus
from ruggensteun.imports.selectors import imports_version, source_vintages
from ruggensteun.monitor.models import ResultSet
from ruggensteun.monitor.selectors import latest_result_set, monitor_version
from ruggensteun.practices.models import Adoption, Coalition, CoalitionType, Practice
from ruggensteun.practices.selectors import practices_version
from ruggensteun.practices.workflow import Status
from ruggensteun.reports.render import report_version
from ruggensteun.signals.selectors import signals_version
from tests.accounts.factories import UserFactory, user_with_role
from tests.signals.factories import record

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]

KWB = "cbs-kwb-2020-indicatoren"

VERSIONS: dict[str, Callable[[], str]] = {
    "monitor": monitor_version,
    "areas": areas_version,
    "signals": signals_version,
    "practices": practices_version,
    "imports": imports_version,
}


def versions() -> dict[str, str]:
    return {app: version() for app, version in VERSIONS.items()} | {"report": report_version()}


def zaanstad() -> Region:
    return Region.objects.get(vintage=2020, code="GM0479")


def published_practice(title: str = "Buurtkamer") -> Practice:
    return Practice.objects.create(
        title=title, slug=title.lower(), status=Status.PUBLISHED, published_at=timezone.now()
    )


def import_run(status: str) -> ImportRun:
    now = timezone.now()
    return ImportRun.objects.create(
        source=KWB,
        label="Kerncijfers wijken en buurten",
        files=["kwb-2020.csv"],
        file_hash="0" * 64,
        status=status,
        started_at=now,
        finished_at=now,
    )


# --- a change in each app ------------------------------------------------------------------------


def new_signal() -> None:
    record(user_with_role(Role.PROFESSIONAL, "WK047912"))


def new_coalition() -> None:
    Coalition.objects.create(name="Samen Poelenburg", slug="samen", type=CoalitionType.AD_HOC)


def new_adoption() -> None:
    Adoption.objects.create(
        practice=Practice.objects.filter(status=Status.PUBLISHED).first()
        or published_practice("Elders"),
        focus_area=FocusArea.objects.get(slug="zaandam-oost"),
    )


def new_focus_area() -> None:
    FocusArea.objects.create(
        slug="eigen", name="Eigen gebied", municipality=zaanstad(), vintage=2020
    )


def focus_area_renamed() -> None:
    FocusArea.objects.filter(slug="zaandam-oost").update(name="Zaandam-Oost")


def member_marked_partial() -> None:
    member = FocusAreaMember.objects.filter(focus_area__slug="zaandam-oost").order_by("pk")[0]
    member.partial = not member.partial
    member.save()


def succeeded_import() -> None:
    import_run(ImportStatus.SUCCEEDED)


def recompute() -> None:
    # What a recompute leaves for the pages: a newer result set (the real one takes minutes).
    previous = latest_result_set()
    assert previous is not None
    ResultSet.objects.create(
        stamp=previous.stamp,
        catalogue_version=previous.catalogue_version,
        seconds=previous.seconds,
        observations=previous.observations,
    )


@pytest.mark.parametrize(
    ("change", "app"),
    [
        (new_signal, "signals"),
        (new_coalition, "practices"),
        (new_adoption, "practices"),
        (new_focus_area, "areas"),
        (focus_area_renamed, "areas"),
        (member_marked_partial, "areas"),
        (succeeded_import, "imports"),
        (recompute, "monitor"),
    ],
)
def test_a_change_in_one_app_changes_its_version_and_the_reports(
    change: Callable[[], None], app: str
) -> None:
    assert changed_by(change) == {app, "report"}


def test_a_practice_update_changes_the_practices_version_and_the_reports() -> None:
    practice = published_practice()

    def update() -> None:
        practice.summary = "Bewoners openen een buurtkamer."
        practice.save()

    assert changed_by(update) == {"practices", "report"}


def changed_by(change: Callable[[], None]) -> set[str]:
    before = versions()
    assert versions() == before  # reading changes nothing
    change()
    after = versions()
    return {name for name in before if before[name] != after[name]}


# --- what no report shows ------------------------------------------------------------------------


def new_user() -> None:
    UserFactory()


def draft_practice() -> None:
    Practice.objects.create(title="Nog niet af", slug="nog-niet-af")


def rejected_import() -> None:
    import_run(ImportStatus.REJECTED)


def audit_event() -> None:
    audit_record(actor=None, action="test.nothing", obj=zaanstad())


@pytest.mark.parametrize("change", [new_user, draft_practice, rejected_import, audit_event])
def test_nothing_else_changes_a_version(change: Callable[[], None]) -> None:
    assert changed_by(change) == set()


def test_the_report_lists_the_last_successful_import_of_each_source() -> None:
    before = {vintage.source: vintage for vintage in source_vintages()}
    assert before[KWB].files == ("kwb_2020_gemeenten.csv",)  # the shipped data
    rejected = import_run(ImportStatus.REJECTED)
    assert {vintage.source: vintage for vintage in source_vintages()} == before
    succeeded = import_run(ImportStatus.SUCCEEDED)
    latest = {vintage.source: vintage for vintage in source_vintages()}
    assert latest[KWB].at == succeeded.finished_at and latest[KWB].files == ("kwb-2020.csv",)
    assert rejected.finished_at <= succeeded.finished_at
    assert [v.source for v in source_vintages()] == sorted(latest)
