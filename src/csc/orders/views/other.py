"""Pages around the order: changes, questions, memos, pre-sales requests, delegates, products,
KPIs and the printable forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.actions import signatures_of
from csc.core.errors import ActionError
from csc.core.permissions import can, is_customer_user, restrict
from csc.core.views import (
    action_error_to_form,
    paginate,
    query_without_page,
    require_page,
    run_form,
    visible,
)

from .. import actions, kpis, pdf
from ..actions.contact import in_department, may_decide_presales
from ..actions.review import may_name_delegate
from ..choices import ChangeStatus, MemoStatus, QuestionStatus, Section
from ..filters import PresalesFilter
from ..forms import (
    AnswerForm,
    CustomerResponseForm,
    DelegateForm,
    NoteForm,
    PresalesDecisionForm,
    PresalesForm,
    ProductForm,
    ReplyForm,
)
from ..models import (
    LiaisonMemo,
    Order,
    OrderChange,
    OrderQuestion,
    PresalesRequest,
    Product,
    ProductionOrder,
    ReviewDelegate,
    Shipment,
)
from ..rules import PRESALES_FLOW
from .common import pdf_response

# --- changes -------------------------------------------------------------------------------


@login_required
def change_list(request):
    require_page(request, "orders.view_orderchange")
    changes = restrict(
        OrderChange.objects.select_related("order__customer", "requested_by"), request.user
    )
    status = request.GET.get("status")
    if status in ChangeStatus.values:
        changes = changes.filter(status=status)
    return render(
        request,
        "orders/changes.html",
        {
            "page": paginate(request, changes),
            "query": query_without_page(request),
            "statuses": ChangeStatus.choices,
            "status": status,
        },
    )


@login_required
def change_detail(request, pk):
    change = visible(
        request, OrderChange, pk, related=("order__customer", "requested_by", "vp_decided_by")
    )
    if is_customer_user(request.user):
        raise Http404
    if request.method == "POST":
        _change_step(request, change)
        return redirect(change)
    waiting_vp = change.status == ChangeStatus.AWAITING_VP
    waiting_customer = change.status == ChangeStatus.AWAITING_CUSTOMER
    return render(
        request,
        "orders/change.html",
        {
            "change": change,
            "order": change.order,
            "may_decide": waiting_vp and can(request.user, "orders.approve_change", change),
            "may_record": waiting_customer and can(request.user, "orders.change_order", change),
            "decision_form": NoteForm(),
            "response_form": CustomerResponseForm(),
            "signatures": signatures_of(change),
            "sections": [dict(Section.choices)[s] for s in change.affected_sections],
        },
    )


def _change_step(request, change):
    if "customer_response" in request.POST:
        form = CustomerResponseForm(request.POST)
        run_form(
            request,
            form,
            lambda d: actions.record_customer_response(
                request.user, change, d["agreed"], d["note"]
            ),
            _("The customer's answer was recorded."),
        )
        return
    approve = "approve" in request.POST
    run_form(
        request,
        NoteForm(request.POST),
        lambda d: actions.decide_change(request.user, change, approve, d["note"]),
        _("The decision was recorded."),
    )


@login_required
def change_pdf(request, pk):
    change = visible(
        request, OrderChange, pk, related=("order__customer", "requested_by", "vp_decided_by")
    )
    if is_customer_user(request.user):
        raise Http404
    return pdf_response(pdf.change_order(change, request.GET.get("lang")), f"{change.number}.pdf")


# --- questions and memos -------------------------------------------------------------------


@login_required
def question_list(request):
    """Open questions held by the user's department (the contact windows, ORD-8)."""
    require_page(request, "orders.view_orderquestion")
    questions = restrict(
        OrderQuestion.objects.select_related("order__customer", "asked_by"), request.user
    )
    department = getattr(request.user.department, "code", None)
    if request.GET.get("all") != "1" and department:
        questions = questions.filter(department=department, status=QuestionStatus.OPEN)
    return render(
        request,
        "orders/questions.html",
        {
            "page": paginate(request, questions),
            "query": query_without_page(request),
            "department": request.user.department,
        },
    )


@login_required
@require_POST
def question_step(request, pk, step):
    entry = visible(request, OrderQuestion, pk, related=("order",))
    form = AnswerForm(request.POST)
    if step == "answer":
        run_form(
            request,
            form,
            lambda d: actions.answer_question(request.user, entry, d["text"]),
            _("The answer was recorded."),
        )
    elif step == "forward":
        run_form(
            request,
            form,
            lambda d: actions.forward_question(request.user, entry, d["text"]),
            _("The question was passed on."),
        )
    else:
        raise Http404
    return redirect(entry.get_absolute_url())


@login_required
def memo_list(request):
    require_page(request, "orders.view_liaisonmemo")
    memos = restrict(
        LiaisonMemo.objects.select_related(
            "order", "from_department", "to_department", "created_by"
        ),
        request.user,
    )
    if request.GET.get("all") != "1" and request.user.department_id:
        memos = memos.filter(to_department=request.user.department_id, status=MemoStatus.OPEN)
    return render(
        request,
        "orders/memos.html",
        {"page": paginate(request, memos), "query": query_without_page(request)},
    )


@login_required
def memo_detail(request, pk):
    memo = visible(
        request,
        LiaisonMemo,
        pk,
        related=("order__customer", "from_department", "to_department", "created_by", "replied_by"),
    )
    form = ReplyForm(request.POST or None)
    if request.method == "POST":
        run_form(
            request,
            form,
            lambda d: actions.reply_memo(request.user, memo, d["reply"]),
            _("The reply was sent."),
        )
        return redirect(memo)
    may_reply = memo.status == MemoStatus.OPEN and in_department(
        request.user, memo.to_department.code
    )
    return render(request, "orders/memo.html", {"memo": memo, "form": form, "may_reply": may_reply})


@login_required
def memo_pdf(request, pk):
    memo = visible(
        request,
        LiaisonMemo,
        pk,
        related=("order", "from_department", "to_department", "created_by", "replied_by"),
    )
    return pdf_response(pdf.liaison_memo(memo, request.GET.get("lang")), f"{memo.number}.pdf")


# --- pre-sales requests ----------------------------------------------------------------------


@login_required
def presales_list(request):
    require_page(request, "orders.view_presalesrequest")
    shown = restrict(
        PresalesRequest.objects.select_related("customer", "department", "requested_by"),
        request.user,
    )
    filterset = PresalesFilter(request.GET or None, queryset=shown)
    requests = filterset.qs if filterset.is_bound and filterset.is_valid() else shown
    return render(
        request,
        "orders/presales_list.html",
        {
            "filter": filterset,
            "page": paginate(request, requests),
            "query": query_without_page(request),
            "may_add": can(request.user, "orders.add_presalesrequest"),
        },
    )


@login_required
def presales_new(request):
    require_page(request, "orders.add_presalesrequest")
    form = PresalesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.request_presales(
                request.user,
                form.cleaned_data["customer"],
                form.cleaned_data["kind"],
                form.cleaned_data["description"],
            )
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The request was sent to the department head."))
            return redirect(created)
    return render(request, "orders/presales_form.html", {"form": form})


@login_required
def presales_detail(request, pk):
    entry = visible(
        request,
        PresalesRequest,
        pk,
        related=("customer", "department__head", "requested_by", "decided_by"),
    )
    if request.method == "POST":
        approve = "approve" in request.POST
        form = PresalesDecisionForm(request.POST)
        run_form(
            request,
            form,
            lambda d: actions.decide_presales(
                request.user, entry, approve, d["note"], d["customer_explanation"]
            ),
            _("The decision was recorded."),
        )
        return redirect(entry)
    may_decide = bool(PRESALES_FLOW.allowed(entry)) and may_decide_presales(request.user, entry)
    return render(
        request,
        "orders/presales.html",
        {
            "entry": entry,
            "may_decide": may_decide,
            "form": PresalesDecisionForm(),
            "signatures": signatures_of(entry),
        },
    )


# --- delegates and products ------------------------------------------------------------------


@login_required
def delegates(request):
    """Who may sign a department's review section on its behalf (授权人)."""
    require_page(request, "orders.view_reviewdelegate")
    form = DelegateForm(request.POST or None)
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke = request.POST.get("revoke", "")
            delegation = get_object_or_404(
                ReviewDelegate, pk=int(revoke) if revoke.isdigit() else 0
            )
            run_form(
                request,
                None,
                lambda d: actions.revoke_delegate(request.user, delegation),
                _("The delegation was revoked."),
            )
        else:
            run_form(
                request,
                form,
                lambda d: actions.name_delegate(
                    request.user, d["section"], d["user"], d["valid_until"], d["note"]
                ),
                _("The delegate was named."),
            )
        return redirect("orders:delegates")
    rows = ReviewDelegate.objects.select_related("user", "granted_by").order_by(
        "revoked_at", "section", "-granted_at"
    )
    manageable = [s.value for s in Section if may_name_delegate(request.user, s)]
    return render(
        request,
        "orders/delegates.html",
        {
            "page": paginate(request, rows),
            "form": form,
            "manageable": manageable,
            "today": timezone.localdate(),
        },
    )


@login_required
def products(request):
    require_page(request, "orders.view_product")
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_product(request.user, form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The product was saved."))
            return redirect("orders:products")
    rows = restrict(Product.objects.all(), request.user)
    search = request.GET.get("q", "").strip()
    if search:
        rows = rows.filter(Q(code__icontains=search) | Q(name__icontains=search))
    return render(
        request,
        "orders/products.html",
        {
            "page": paginate(request, rows),
            "form": form,
            "may_add": can(request.user, "orders.add_product"),
            "query": query_without_page(request),
        },
    )


# --- KPIs ------------------------------------------------------------------------------------


@login_required
def kpi_page(request):
    """Monthly review timeliness (ORD-4) and on-time delivery (ORD-6), from SQL aggregates."""
    require_page(request, "orders.view_order_kpi")
    year = _year(request)
    start, end = kpis.year_bounds(year)
    orders = restrict(Order.objects.all(), request.user)
    shipments = restrict(Shipment.objects.all(), request.user)
    reviews = kpis.review_timeliness(start, end, orders)
    deliveries = kpis.on_time_delivery(start, end, shipments)
    return render(
        request,
        "orders/kpi.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "reviews": reviews,
            "deliveries": deliveries,
            "review_total": kpis.totals(reviews, "in_time", "reviewed"),
            "delivery_total": kpis.totals(deliveries, "on_time_count", "shipments"),
            "targets": kpis.targets(),
        },
    )


def _year(request):
    value = request.GET.get("year", "")
    today = timezone.localdate()
    if value.isdigit() and 2000 <= int(value) <= today.year + 1:
        return int(value)
    return today.year


# --- printable forms -------------------------------------------------------------------------


@login_required
def order_pi(request, pk):
    order = visible(request, Order, pk, related=("customer",))
    return pdf_response(
        pdf.proforma_invoice(order, request.GET.get("lang")), f"PI-{order.number}.pdf"
    )


@login_required
def version_pdf(request, pk, number):
    if is_customer_user(request.user):
        raise Http404
    order = visible(request, Order, pk, related=("customer", "created_by"))
    version = get_object_or_404(order.versions.select_related("decided_by"), number=number)
    return pdf_response(
        pdf.review_record(order, version, request.GET.get("lang")),
        f"{order.number}-v{number}.pdf",
    )


@login_required
def production_order_pdf(request, pk):
    if is_customer_user(request.user):
        raise Http404
    production = visible(request, ProductionOrder, pk, related=("order__customer", "issued_by"))
    return pdf_response(
        pdf.production_order(production, request.GET.get("lang")), f"{production.number}.pdf"
    )


@login_required
def shipment_pdf(request, pk):
    shipment = visible(request, Shipment, pk, related=("order", "customer", "created_by"))
    return pdf_response(
        pdf.delivery_notice(shipment, request.GET.get("lang")), f"{shipment.number}.pdf"
    )
