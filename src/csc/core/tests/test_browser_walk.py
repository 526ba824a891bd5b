"""What a user meets first, in real Chromium and in Chinese: a customer admitted, an order reviewed
by the departments and a complaint registered, with the words a quality manager reads, the history
as people read it, and nothing typed lost to a refused form."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csc.complaints.models import Complaint
from csc.complaints.tests.makers import PNG
from csc.core import audit
from csc.core.choices import AuditAction
from csc.core.models import Attachment
from csc.customers.models import CustomerAdmission
from csc.orders import actions as order_actions
from csc.orders.tests import makers as order_makers
from csc.surveys.tests import makers as survey_makers
from csc.testing import log_in, make_customer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHANGHAI = dt.timezone(dt.timedelta(hours=8))

#: persona → (family name, given name): the history names people, never user ids.
NAMES = {
    "sales": ("王", "芳"),
    "vp": ("李", "建国"),
    "quality": ("张", "敏"),
    "engineer": ("陈", "刚"),
    "materials": ("刘", "洋"),
    "gm": ("赵", "明"),
}


@pytest.fixture
def staff(people):
    """The personas of the walk, with Chinese names."""
    made = {}
    for persona, (family, given) in NAMES.items():
        user = getattr(people, persona)
        user.last_name, user.first_name = family, given
        user.save(update_fields=["last_name", "first_name"])
        made[persona] = user
    return made


def as_user(page, live_server, user):
    page.context.clear_cookies()
    log_in(page, live_server, user.username)
    page.wait_for_selector(".sidebar")


def shanghai(moment):
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def history_rows(page):
    """The history table's rows as the reader sees them: [(time, who, action, changes, note)]."""
    table = page.locator("#history table.history")
    expect(table).to_be_visible()
    return [
        tuple(cell.strip() for cell in row.locator("td").all_inner_texts())
        for row in table.locator("tbody tr").all()
    ]


def field_label(page, name):
    """The <label> that holds the input named ``name`` (label text, input and its errors)."""
    return page.locator("label", has=page.locator(f'[name="{name}"]'))


def test_sales_applies_for_a_customer_and_the_vp_admits_it_in_chinese(
    browser_page, live_server, staff
):
    page = browser_page
    sales, vp = staff["sales"], staff["vp"]
    as_user(page, live_server, sales)
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")

    # 1. Level II with a level I credit period is refused next to the period; nothing typed is
    #    lost.
    page.goto(f"{live_server.url}/customers/admissions/new/")
    typed = {
        "#id_c-name": "杭州齿轮传动有限公司",
        "#id_c-region": "华东",
        "#id_c-email": "buyer@hzgear.example",
        "#id_a-requested_days": "20",
        "#id_a-investigation": "实地考察工厂，付款记录良好。",
    }
    for selector, value in typed.items():
        page.fill(selector, value)
    page.select_option("#id_a-requested_level", "II")
    page.click("#admission-form button[type=submit]")
    days = field_label(page, "a-requested_days")
    expect(days.locator(".errorlist")).to_contain_text("II 级信用的信用期须超过 30 天")
    for selector, value in typed.items():
        expect(page.locator(selector)).to_have_value(value)
    expect(page.locator("#id_a-requested_level")).to_have_value("II")
    assert page.locator(".errorlist").count() == 1

    page.fill("#id_a-requested_days", "60")
    page.click("#admission-form button[type=submit]")
    expect(page.locator(".msg.success")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the page's own requests first
    admission = CustomerAdmission.objects.get(customer__name="杭州齿轮传动有限公司")

    # 2. Sales submits it; the executive VP approves with a note, and the note is the decision's.
    page.goto(f"{live_server.url}/customers/admissions/{admission.pk}/")
    page.click("form[action$='/submit/'] button[type=submit]")
    expect(page.locator("h1 .tag")).to_have_text("待审批")
    as_user(page, live_server, vp)
    page.goto(f"{live_server.url}/customers/admissions/{admission.pk}/")
    page.fill("#decision-form textarea[name=note]", "资信良好，同意准入，信用期 60 天")
    page.click("#decision-form button[name=approve]")
    expect(page.locator("h1 .tag")).to_have_text("已批准")
    expect(page.locator("dl.facts")).to_contain_text("资信良好，同意准入，信用期 60 天")

    # 3. The history: one line per step, by name, in Shanghai time, with Chinese labels.
    page.wait_for_load_state("networkidle")  # the page's own requests first
    admission.refresh_from_db()
    rows = history_rows(page)
    steps = [row for row in rows if row[2].startswith("状态变更")]
    assert len(steps) == 2, rows
    approval = next(row for row in steps if "李建国" in row[1])
    assert approval[0] == shanghai(admission.decided_at)
    assert "审批人" in approval[3] and "李建国" in approval[3]
    assert "已批准" in approval[3] and "approved" not in approval[3]
    assert "资信良好" in approval[4]
    assert any(row[1] == "王芳" for row in steps)
    assert not any("decided_by" in row[3] or str(vp.pk) == row[1] for row in rows)

    # 4. The customer's contacts: "职务" is a person's job title.
    as_user(page, live_server, sales)
    page.goto(f"{live_server.url}/customers/{admission.customer_id}/contacts/new/")
    expect(field_label(page, "title")).to_contain_text("职务")
    page.goto(f"{live_server.url}/customers/{admission.customer_id}/")
    expect(page.locator("table thead", has_text="电话")).to_contain_text("职务")


def _units_order(people):
    """An order whose lines count in rolls, pieces, sets and kilograms."""
    customer = order_makers.customer(name="苏州精密机械有限公司", salesperson=people.sales)
    lines = [
        order_makers.line(order_makers.product(name=name, unit=unit), quantity="10")
        for name, unit in (("防锈膜", "roll"), ("齿轮", "pcs"), ("密封件", "set"), ("钢丸", "kg"))
    ]
    return order_makers.submitted(people, cust=customer, lines=lines)


def test_the_departments_review_an_order_and_read_its_states_in_chinese(
    browser_page, live_server, staff, people
):
    page = browser_page
    order = _units_order(people)

    # 1. The list's Yes/No filter answers 是/否; the order counts in 卷/件/套/千克.
    as_user(page, live_server, staff["quality"])
    page.goto(f"{live_server.url}/orders/")
    answers = page.locator('select[name="overdue"] option').all_inner_texts()
    assert "否" in answers and "是" in answers and "序号" not in answers
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    lines = page.locator("#lines")
    for unit in ("10 卷", "10 件", "10 套", "10 千克"):
        expect(lines).to_contain_text(unit)

    # 2. Every section waits for review (待评审), not "to be sent".
    for section in ("engineering", "quality", "materials"):
        expect(page.locator(f"#section-{section} h3 .tag")).to_have_text("待评审")

    # 3. Quality signs in the page: a dispute needs its reason, in the seed's words; then it
    #    agrees.
    box = page.locator("#section-quality")
    expect(box.locator("label", has=page.locator("input[value=reject]"))).to_have_text("有异议")
    box.locator("input[value=reject]").check()
    box.locator("button[type=submit]").click()
    expect(page.locator(".msg.error")).to_contain_text("请说明异议理由")
    expect(page.locator("#section-quality h3 .tag")).to_have_text("待评审")
    box.locator("input[value=accept]").check()
    box.locator("textarea[name=opinion]").fill("关键尺寸 CPK ≥ 1.33，可行")
    box.locator("button[type=submit]").click()
    expect(page.locator("#section-quality h3 .tag")).to_have_text("已同意")
    # The page's panels load after it (htmx): let them finish before this thread writes, or
    # SQLite's shared test database reports the table locked.
    page.wait_for_load_state("networkidle")

    # 4. The others sign and the GM approves; a customer change makes version 1 superseded.
    order_actions.sign_section(people.engineer, order, "engineering", "accept", "可行")
    order_actions.sign_section(people.materials, order, "materials", "accept", "可行")
    order_actions.approve_order(people.gm, order, "同意")
    line = order.lines.order_by("line_no").first()
    order_actions.request_change(
        people.sales,
        order,
        "customer",
        "客户追加",
        "数量 10 → 12",
        lines={line.pk: {"quantity": "12"}},
    )
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    expect(page.locator("#versions tbody tr", has_text="v1")).to_contain_text("已被替代")

    # 5. The history: Quality's step is its signature and one section change, by name, in
    #    Shanghai time, with the section and the states in Chinese.
    rows = history_rows(page)
    signed = order.versions.get(number=1).sections.get(section="quality")
    by_quality = [row for row in rows if row[1] == "张敏"]
    assert [row[2].split("\n")[0] for row in by_quality] == ["签名", "已修改"], rows
    signature, section_change = by_quality
    assert signature[0] == shanghai(signed.signed_at)
    assert "品质部：质量可达成性" in signature[3] and "quality" not in signature[3]
    assert "签名含义: 批准" in signature[3]
    assert "待评审 → 已同意" in section_change[3]
    assert not any(row[1].isdigit() for row in rows)


def test_a_complaint_refused_for_a_future_production_date_keeps_every_value_and_the_photo(
    browser_page, live_server, staff, tmp_path, media_root
):
    page = browser_page
    customer = make_customer(name="宁波汽配有限公司")
    product = order_makers.product(code="BR-2001", name="支架")
    photo = tmp_path / "焊点开裂.png"
    photo.write_bytes(PNG)

    as_user(page, live_server, staff["quality"])
    page.goto(f"{live_server.url}/complaints/new/")
    page.select_option("#id_customer", str(customer.pk))
    page.select_option("#id_channel", "phone")
    page.select_option("#id_category", "quality")
    page.select_option("#id_product", str(product.pk))
    page.fill("#id_lot", "L2026-0312")
    page.fill("#id_quantity_affected", "120")
    page.fill("#id_production_date", "2099-01-01")
    page.fill("#id_description", "支架焊点开裂，装配时断裂")
    page.set_input_files("#id_files", str(photo))
    page.click("form button.primary")

    # A production date in the future is refused beside it; nothing else is lost.
    expect(field_label(page, "production_date").locator(".errorlist")).to_contain_text("生产日期")
    expect(page.locator("#id_description")).to_have_value("支架焊点开裂，装配时断裂")
    expect(page.locator("#id_customer")).to_have_value(str(customer.pk))
    expect(page.locator("#id_category")).to_have_value("quality")
    expect(page.locator("#id_product")).to_have_value(str(product.pk))
    expect(page.locator("#id_lot")).to_have_value("L2026-0312")
    expect(page.locator("#id_quantity_affected")).to_have_value("120")
    expect(page.locator("#held-files")).to_contain_text("焊点开裂.png")

    page.fill("#id_production_date", "2026-03-01")
    page.click("form button.primary")
    page.wait_for_selector("h1 .tag.registered")
    page.wait_for_load_state("networkidle")  # the page's own requests first
    complaint = Complaint.objects.get()
    assert complaint.lot == "L2026-0312" and complaint.quantity_affected == 120
    attached = Attachment.objects.filter(object_id=str(complaint.pk))
    assert list(attached.values_list("name", flat=True)) == ["焊点开裂.png"]
    expect(page.locator("#attachments")).to_contain_text("焊点开裂.png")

    rows = history_rows(page)
    created = [row for row in rows if row[2].startswith("已创建")]
    assert created and created[0][1] == "张敏", rows
    registered = audit.history(complaint).filter(action=AuditAction.CREATE).order_by("at")[0]
    assert created[0][0] == shanghai(registered.at)
    assert not created[0][3].startswith("ID")
    assert "批号" in created[0][3] and "L2026-0312" in created[0][3]

    # Quality accepts it: one more line, the step, from 已登记 to 已受理.
    page.select_option('select[name="severity"]', "complex")
    page.click('button[name="accept"]')
    page.wait_for_selector("h1 .tag.accepted")
    steps = [row for row in history_rows(page) if row[2].startswith("状态变更")]
    assert len(steps) == 1 and "已登记 → 已受理" in steps[0][3], steps


def test_a_survey_round_reads_sample_and_chase_in_chinese(browser_page, live_server, staff, people):
    page = browser_page
    survey_makers.customer("A")
    survey_round = survey_makers.sent_round(people, now=timezone.now())

    as_user(page, live_server, staff["sales"])
    page.goto(f"{live_server.url}/surveys/rounds/{survey_round.pk}/")
    expect(page.locator("dl.facts dt", has_text="抽样")).to_be_visible()
    expect(page.locator("summary", has_text="记录催办").first).to_be_visible()
    page.goto(f"{live_server.url}/surveys/rounds/new/")
    expect(field_label(page, "title")).to_contain_text("标题")
