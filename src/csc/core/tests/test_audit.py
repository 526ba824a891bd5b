"""The audit trail records every change and can be neither edited nor deleted (REC-3)."""

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError, connection, transaction

from csc.core import audit
from csc.core.choices import AuditAction
from csc.core.models import AuditEntry
from csc.customers import actions
from csc.testing import make_customer


def test_a_change_records_who_old_and_new_values(people):
    customer = make_customer(name="甲公司", region="华东")
    actions.update_customer(people.sales, customer, {"region": "华南"}, version=customer.version)
    entry = audit.history(customer).filter(action=AuditAction.UPDATE).get()
    assert entry.actor == people.sales
    assert entry.changes == {"region": ["华东", "华南"]}


def test_bank_accounts_are_masked_in_the_trail(people):
    customer = make_customer(name="乙公司")
    manager = people.sales
    manager.user_permissions.add(Permission.objects.get(codename="view_bank_account"))
    manager = type(manager).objects.get(pk=manager.pk)  # fresh permission cache
    actions.update_customer(
        manager, customer, {"bank_account": "6222020200112233"}, customer.version
    )
    entry = audit.history(customer).filter(action=AuditAction.UPDATE).get()
    assert entry.changes["bank_account"][1] == "•••• 2233"
    assert "6222020200112233" not in str(entry.changes)


def test_entries_cannot_be_changed_through_the_model(people):
    make_customer(name="丙公司")
    entry = AuditEntry.objects.first()
    entry.note = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(note="tampered")


@pytest.mark.parametrize(
    "statement", ["UPDATE core_auditentry SET note = 'x'", "DELETE FROM core_auditentry"]
)
def test_the_database_refuses_to_change_the_trail(people, statement):
    make_customer(name="丁公司")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEntry.objects.filter(note="x").count() == 0
    assert AuditEntry.objects.exists()


def test_admin_offers_no_way_to_edit_the_trail(people, client):
    from django.contrib.auth.models import Group

    admin = people.administrator
    admin.is_staff = True
    admin.save()
    admin.groups.add(Group.objects.get(name="administrator"))
    make_customer(name="戊公司")
    entry = AuditEntry.objects.first()
    client.force_login(admin)
    page = client.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_history_shows_choice_labels_not_stored_codes(people):
    from django.utils import translation

    customer = make_customer(name="己公司")
    actions.set_customer_active(people.sales, customer, False, "停止合作")
    entry = audit.history(customer).filter(action=AuditAction.TRANSITION).get()
    with translation.override("en"):
        shown = [str(part) for part in entry.change_rows()[0][:3]]
    assert shown == ["status", "Admitted", "Inactive"]
