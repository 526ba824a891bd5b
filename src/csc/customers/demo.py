"""Demo customers in Chinese and English, in every state of the admission workflow."""

from django.contrib.auth.models import Group

from csc.core.choices import Role
from csc.core.demo import PASSWORD
from csc.core.models import User

from . import actions
from .choices import ABCClass, CreditLevel
from .models import Customer

# name, short, region, industry, class, level, days, language
CUSTOMERS = [
    (
        "上海精密汽配有限公司",
        "上海精密",
        "华东",
        "汽车零部件",
        ABCClass.A,
        CreditLevel.III,
        90,
        "zh-hans",
    ),
    (
        "苏州新能源电机股份有限公司",
        "苏州电机",
        "华东",
        "新能源",
        ABCClass.A,
        CreditLevel.II,
        60,
        "zh-hans",
    ),
    (
        "广州华南机电设备有限公司",
        "华南机电",
        "华南",
        "机电设备",
        ABCClass.B,
        CreditLevel.II,
        45,
        "zh-hans",
    ),
    (
        "重庆长江摩托车配件厂",
        "长江摩配",
        "西南",
        "摩托车",
        ABCClass.B,
        CreditLevel.I,
        30,
        "zh-hans",
    ),
    (
        "Nordic Drive Systems GmbH",
        "Nordic Drive",
        "欧洲",
        "Automotive",
        ABCClass.A,
        CreditLevel.II,
        60,
        "en",
    ),
    (
        "Pacific Motor Parts Inc.",
        "Pacific Motor",
        "北美",
        "Automotive aftermarket",
        ABCClass.B,
        CreditLevel.I,
        30,
        "en",
    ),
    (
        "天津北方农机有限公司",
        "北方农机",
        "华北",
        "农业机械",
        ABCClass.C,
        CreditLevel.I,
        15,
        "zh-hans",
    ),
    ("宁波东海五金制品厂", "东海五金", "华东", "五金", ABCClass.C, CreditLevel.I, 0, "zh-hans"),
]


def load(users):
    if Customer.objects.exists():
        return
    sales, vp, assistant = users["sales"], users["vp"], users["vp_assistant"]
    for index, (name, short, region, industry, cls, level, days, language) in enumerate(CUSTOMERS):
        applicant = users["sales2"] if language == "en" else sales
        admission = actions.apply_for_admission(
            applicant,
            {
                "name": name, "short_name": short, "region": region, "industry": industry,
                "language": language, "phone": f"021-5555{index:04d}",
                "email": f"purchasing{index}@customer{index}.example",
                "bank_name": "中国工商银行" if language == "zh-hans" else "Deutsche Bank",
                "bank_account": f"62220210010{index:08d}",
                "address": f"{region} 工业园区 {index + 1} 号",
            },
            {
                "requested_level": level, "requested_days": days or None,
                "business_scope": industry, "investigation": "实地走访，资信良好，付款记录正常。",
                "expected_volume": "500 万元/年",
            },
        )  # fmt: skip
        if index == len(CUSTOMERS) - 1:
            continue  # one application left as a draft
        actions.submit_admission(applicant, admission)
        if index == len(CUSTOMERS) - 2:
            continue  # one waits for approval
        approver = assistant if level == CreditLevel.III else vp
        actions.approve_admission(approver, admission, "同意准入。")
        customer = admission.customer
        if cls != customer.abc_class:
            actions.change_class(sales, customer, cls, "年度采购额评定")
        actions.save_contact(
            sales,
            customer,
            {
                "name": f"联系人{index}",
                "title": "采购经理",
                "email": f"buyer{index}@customer{index}.example",
                "is_primary": True,
            },
        )
    _portal_contact(sales, Customer.objects.get(short_name="上海精密"))
    actions.request_credit_change(
        sales,
        Customer.objects.get(short_name="长江摩配"),
        CreditLevel.II,
        45,
        "合作三年，回款及时，申请延长账期。",
    )


def _portal_contact(sales, customer):
    """Give one customer contact a portal login: ``contact``."""
    user = User.objects.create(
        username="contact", last_name="黄", first_name="采购", email="contact@customer.example"
    )
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.CUSTOMER_CONTACT))
    actions.save_contact(sales, customer, {"user": user}, customer.contacts.get(is_primary=True))
