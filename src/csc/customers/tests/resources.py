"""The customer master's resources for the generated tests in ``csc.core.tests.test_resources``."""

from django.contrib.contenttypes.models import ContentType

from csc.core.choices import SignatureMeaning
from csc.core.models import Signature
from csc.core.tests.resource_base import Resource, Write
from csc.customers import actions
from csc.customers.models import ClassChange, Contact, CreditChange, Customer, CustomerAdmission

from .makers import active_customer, submitted


def make_active_customer(people):
    return active_customer(salesperson=people.sales, bank_account="6222020200112233", region="华东")


def make_submitted_admission(people):
    """Return a level-I application waiting for the executive VP."""
    return submitted(people, level="I", days=30)


def make_pending_credit_change(people):
    """Return a request to make a customer annual (level III): the VP's assistant decides."""
    customer = active_customer(credit_level="II", credit_days=60)
    return actions.request_credit_change(people.sales, customer, "III", None, "年度框架协议")


def add_customer_details(people, customer, count):
    """Give a customer ``count`` contacts, class changes and decided credit changes."""
    for index in range(count):
        Contact.objects.create(customer=customer, name=f"联系人{index}", email=f"c{index}@x.cn")
        ClassChange.objects.create(
            customer=customer, old_class="C", new_class="B", reason="测试", changed_by=people.sales
        )
        CreditChange.objects.create(
            customer=customer,
            new_level="I",
            new_days=30,
            reason="测试",
            status="approved",
            requested_by=people.sales,
            decided_by=people.vp,
        )


def add_admission_signatures(people, admission, count):
    content_type = ContentType.objects.get_for_model(admission)
    for _index in range(count):
        Signature.objects.create(
            content_type=content_type,
            object_id=str(admission.pk),
            user=people.quality,
            user_name=str(people.quality),
            role="quality",
            meaning=SignatureMeaning.READ,
        )


def own_customer(people):
    return Contact.objects.get(user=people.contact).customer


# --- writes: (client, obj) → response ----------------------------------------------------


def patch_customer(client, customer):
    return client.patch(
        f"/api/v1/customers/{customer.pk}/",
        {"region": "华南", "version": customer.version},
        format="json",
    )


def change_class(client, customer):
    return client.post(
        f"/api/v1/customers/{customer.pk}/change-class/",
        {"new_class": "A", "reason": "年采购额上升"},
        format="json",
    )


def deactivate(client, customer):
    return client.post(
        f"/api/v1/customers/{customer.pk}/deactivate/", {"reason": "停止合作"}, format="json"
    )


def edit_on_page(client, customer):
    return client.post(
        f"/customers/{customer.pk}/edit/",
        {
            "name": customer.name,
            "language": customer.language,
            "region": "华南",
            "version": customer.version,
        },
    )


def reveal_on_page(client, customer):
    return client.post(f"/customers/{customer.pk}/bank-account/")


def approve_admission(client, admission):
    return client.post(
        f"/api/v1/customer-admissions/{admission.pk}/approve/", {"note": "同意"}, format="json"
    )


def reject_admission(client, admission):
    return client.post(
        f"/api/v1/customer-admissions/{admission.pk}/reject/", {"note": "资信不足"}, format="json"
    )


def approve_admission_on_page(client, admission):
    return client.post(f"/customers/admissions/{admission.pk}/approve/", {"note": "同意"})


def approve_credit_change(client, change):
    return client.post(f"/api/v1/credit-changes/{change.pk}/approve/", {"note": ""}, format="json")


def approve_credit_change_on_page(client, change):
    return client.post(f"/customers/credit-changes/{change.pk}/", {"approve": "1", "note": ""})


RESOURCES = [
    Resource(
        name="customers",
        model=Customer,
        make=make_active_customer,
        viewer="sales",
        api="/api/v1/customers/",
        page="/customers/",
        add_related=add_customer_details,
        own=own_customer,
        writes=(
            Write("patch", patch_customer, "sales", ("quality", "contact", "outsider")),
            Write("change-class", change_class, "sales", ("vp", "outsider")),
            Write("deactivate", deactivate, "sales", ("engineer", "contact", "outsider")),
            Write("edit-page", edit_on_page, "sales", ("quality", "contact"), via="web"),
            Write("reveal-account-page", reveal_on_page, "vp", ("sales", "contact"), via="web"),
        ),
    ),
    Resource(
        name="customer-admissions",
        model=CustomerAdmission,
        make=make_submitted_admission,
        viewer="quality",
        api="/api/v1/customer-admissions/",
        page="/customers/admissions/",
        no_view=("outsider", "contact"),
        add_related=add_admission_signatures,
        writes=(
            Write("approve", approve_admission, "vp", ("vp_assistant", "sales", "contact")),
            Write("reject", reject_admission, "vp", ("vp_assistant", "quality", "outsider")),
            Write(
                "approve-page",
                approve_admission_on_page,
                "vp",
                ("vp_assistant", "outsider"),
                via="web",
                # the wrong approver sees the record again with the reason and the note kept
                denied_status=(403, 404),
            ),
        ),
    ),
    Resource(
        name="credit-changes",
        model=CreditChange,
        make=make_pending_credit_change,
        viewer="engineer",
        api="/api/v1/credit-changes/",
        page="/customers/credit-changes/",
        no_view=("outsider", "contact"),
        writes=(
            Write("approve", approve_credit_change, "vp_assistant", ("vp", "sales", "outsider")),
            Write(
                "approve-page",
                approve_credit_change_on_page,
                "vp_assistant",
                ("vp", "contact"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
]
