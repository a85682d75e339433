"""The foreign-key check at the end of each database test still finds what a test broke.

On SQLite tests/conftest.py narrows Django's check to the tables a test wrote to and the tables
that reference them (WrittenTables); on PostgreSQL Django's own check runs. Either way a dangling
foreign key, written directly or left behind by a deleted parent, is an IntegrityError.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from ruggensteun.accounts.models import Organisation, OrganisationMembership, User
from ruggensteun.imports.models import ImportRun
from ruggensteun.monitor.models import Observation

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]


def test_a_row_pointing_at_a_missing_parent_fails_the_check() -> None:
    organisation = Organisation.objects.create(name="Buurtteam", type="gemeente")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationMembership.objects.create(user_id=987_654_321, organisation=organisation)
        connection.check_constraints()


def test_a_parent_deleted_under_its_children_fails_the_check() -> None:
    """The observations come with the shipped data: this test writes only their import run."""
    run = Observation.objects.select_related("import_run").first().import_run  # type: ignore[union-attr]
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:  # past Django's PROTECT, as a bug would
            table = connection.ops.quote_name(ImportRun._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [run.pk])
        connection.check_constraints()


def test_a_test_that_writes_nothing_checks_nothing_and_passes() -> None:
    assert User.objects.filter(email="niemand@example.org").count() == 0
    connection.check_constraints()
