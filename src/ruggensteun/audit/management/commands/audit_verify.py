"""Check that the audit trail is whole: the hash chain and the database guards (schedule daily)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ruggensteun.audit.selectors import audit_chain_verify, audit_guards_missing


class Command(BaseCommand):
    help = (
        "Controleer de audittrail: herbereken de hashketen in volgorde en kijk of de "
        "beveiliging in de database aanwezig is. Plan dit dagelijks in "
        "(bijv. cron: ruggensteun audit_verify); een fout geeft een exitcode ongelijk aan 0."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = audit_guards_missing()
        if missing:
            raise CommandError(f"beveiliging van de audittrail ontbreekt: {', '.join(missing)}")
        report = audit_chain_verify()
        if not report.intact:
            raise CommandError(
                f"audittrail gebroken bij gebeurtenis {report.broken_id}: {report.reason} "
                f"({report.count} gebeurtenissen ervoor zijn in orde)"
            )
        self.stdout.write(f"audittrail intact: {report.count} gebeurtenissen")
        # Keep this line elsewhere: a trail rewritten from some row onwards no longer ends in it.
        self.stdout.write(f"laatste hash: {report.last_hash}")
