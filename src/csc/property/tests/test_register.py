"""The register (PRP-1, PRP-6, PRP-7): recording, editing, voiding; the page, Excel, PDF; the
customer 360° panel and what a customer contact sees."""

import io
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from csc.core.errors import Conflict, Invalid
from csc.core.models import AuditEntry
from csc.customers.models import Contact
from csc.property import actions
from csc.property.conf import setting
from csc.property.models import PropertyItem
from csc.testing import customer_page, customer_panel, system_tool

from .makers import accepted_lot, days_ago, fresh_customer, make_item

D = Decimal


def test_an_item_records_kind_owner_identification_and_storage_requirements(people):
    customer = fresh_customer()
    item = make_item(
        people, customer, kind="tooling", name="注塑模具", serial_no="MD-0815", unit="set",
        storage_temperature="10–30 °C", storage_humidity="≤ 60 %RH", protection="防锈、防尘罩",
        check_interval_days=90,
    )  # fmt: skip
    item.refresh_from_db()
    assert (item.customer, item.kind, item.serial_no, item.unit) == (
        customer,
        "tooling",
        "MD-0815",
        "set",
    )
    assert item.storage_requirements == "10–30 °C · ≤ 60 %RH · 防锈、防尘罩"
    assert item.registered_by == people.materials


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "gold"}, "kind"),
        ({"name": "  "}, "name"),
        ({"unit": ""}, "unit"),
        ({"check_interval_days": 0}, "check_interval_days"),
    ],
)
def test_bad_register_entries_are_refused_per_field(people, change, field):
    with pytest.raises(Invalid) as refused:
        make_item(people, **change)
    assert field in refused.value.fields


def test_property_is_registered_only_for_admitted_customers(people):
    pending = fresh_customer(status="pending")
    with pytest.raises(Invalid) as refused:
        make_item(people, pending)
    assert "customer" in refused.value.fields


def test_a_stale_edit_gets_a_conflict(people):
    item = make_item(people)
    loaded = item.version  # both editors opened the form at this version
    actions.update_item(people.materials, item, {"location": "B-01"}, loaded)
    stale = PropertyItem.objects.get(pk=item.pk)
    with pytest.raises(Conflict):
        actions.update_item(people.warehouse, stale, {"location": "C-01"}, loaded)
    stale.refresh_from_db()
    assert stale.location == "B-01"


def test_an_item_with_stock_cannot_be_voided(people):
    item = make_item(people)
    lot = accepted_lot(people, item, 5)
    with pytest.raises(Invalid):
        actions.void_item(people.materials, item, "登记错误")
    actions.return_to_customer(people.materials, item, lot, 5, "退回")
    actions.void_item(people.materials, item, "登记错误")
    item.refresh_from_db()
    assert (item.status, item.void_reason) == ("voided", "登记错误")
    with pytest.raises(Invalid):
        actions.receive(people.warehouse, item, quantity_received=1)


def test_the_register_keeps_its_retention_setting():
    assert setting("PROPERTY_REGISTER_RETENTION_YEARS") == 1


def test_the_register_page_filters_by_customer_and_shows_balances(people, client):
    mine = make_item(people, name="铝合金压铸件毛坯")
    accepted_lot(people, mine, D("12.5"))
    make_item(people, name="别家物料")
    client.force_login(people.production)
    response = client.get(f"/property/?customer={mine.customer_id}")
    rows = list(response.context["page"])
    assert [(r.pk, r.on_hand) for r in rows] == [(mine.pk, D("12.5"))]
    assert response.context["customer"] == mine.customer
    assert "12.5 千克" in response.content.decode()  # the unit reads in the page language


def test_the_register_page_searches_by_part_number_and_kind(people, client):
    item = make_item(people, part_no="7731-A")
    make_item(people, kind="label", name="标签纸")
    client.force_login(people.warehouse)
    assert [r.pk for r in client.get("/property/?q=7731").context["page"]] == [item.pk]
    labels = client.get("/property/?kind=label").context["page"]
    assert [r.kind for r in labels] == ["label"]


def test_the_register_exports_to_excel_with_balances(people, client):
    item = make_item(people, name="客供包装箱", kind="packaging", unit="pcs")
    accepted_lot(people, item, 300)
    client.force_login(people.warehouse)
    response = client.get(f"/property/export/?customer={item.customer_id}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] and len(rows) == 2
    header = list(rows[0])
    line = dict(zip(header, rows[1], strict=True))
    assert line[header[0]] == item.number
    assert D(str(rows[1][header.index(header[8])])) == 300
    assert AuditEntry.objects.filter(action="export", changes__rows=1).exists()


def test_the_ledger_exports_every_movement_of_the_filter(people, client):
    item = make_item(people)
    lot = accepted_lot(people, item, 50, on=days_ago(3))
    actions.issue(people.warehouse, item, 20, lot=lot, reference="WO-77")
    client.force_login(people.materials)
    response = client.get(f"/property/ledger/export/?item_number={item.number}")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)[1:]
    assert [(r[1], r[8]) for r in rows] == [(item.number, 50), (item.number, -20)]
    assert rows[1][10] == "WO-77"


def test_users_without_the_export_right_get_no_export(people, client):
    client.force_login(people.production)
    assert client.get("/property/export/").status_code == 404
    assert client.get("/property/ledger/export/").status_code == 404


def _png_of(pdf_bytes, tmp_path):
    pdftoppm = system_tool("pdftoppm", "poppler-utils")
    source = tmp_path / "register.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")], check=True)  # fmt: skip
    return sorted(tmp_path.glob("page*.png"))


def test_the_register_prints_as_a_pdf_with_chinese_text(people, client, tmp_path):
    item = make_item(people, name="客供冷轧钢板", location="原料仓 A-01")
    accepted_lot(people, item, 8)
    client.force_login(people.warehouse)
    response = client.get(f"/property/register.pdf?customer={item.customer_id}")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"NotoSansCJK" in response.content  # the CJK font is embedded
    pages = _png_of(response.content, tmp_path)
    assert pages and pages[0].stat().st_size > 5000


def test_the_count_sheet_prints_as_a_pdf(people, client, tmp_path):
    item = make_item(people)
    accepted_lot(people, item, 8)
    stocktake = actions.open_stocktake(people.warehouse, None, item.customer)
    client.force_login(people.warehouse)
    response = client.get(f"/property/stocktakes/{stocktake.pk}/sheet.pdf")
    assert response.content.startswith(b"%PDF")
    assert _png_of(response.content, tmp_path)


def test_the_customer_page_shows_the_property_held(people, client):
    item = make_item(people, name="客供芯片 MCU-32")
    accepted_lot(people, item, 1000)
    client.force_login(people.sales)
    response = customer_panel(client, item.customer, "property-panel")
    panel = response.context["panel"]
    assert [(i.pk, i.on_hand) for i in panel["items"]] == [(item.pk, D(1000))]
    assert "客供芯片 MCU-32".encode() in response.content


def test_the_customer_page_has_no_property_section_when_nothing_is_held(people, client):
    customer = fresh_customer()
    client.force_login(people.sales)
    response = customer_panel(client, customer, "property-panel")
    assert response.status_code == 200 and response.content == b""
    assert 'id="customer-property"' not in customer_page(client, customer)


def test_a_customer_contact_sees_only_its_own_property(people, client, api_as):
    own_customer = Contact.objects.get(user=people.contact).customer
    own = make_item(people, own_customer, name="我方客供件")
    accepted_lot(people, own, 10)
    other = make_item(people)
    client.force_login(people.contact)
    assert [r.pk for r in client.get("/property/").context["page"]] == [own.pk]
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    listing = api_as(people.contact).get("/api/v1/property-items/").json()
    assert [row["id"] for row in listing["results"]] == [own.pk]
    ledger = api_as(people.contact).get("/api/v1/property-movements/").json()
    assert {row["item"] for row in ledger["results"]} == {own.pk}
    page = client.get(own.get_absolute_url())
    assert page.context["forms"] == {}  # reading only


def test_a_customer_contact_sees_no_stocktakes(people, client):
    client.force_login(people.contact)
    assert client.get("/property/stocktakes/").status_code == 404
