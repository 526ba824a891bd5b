"""Pages of the customer master; each write calls a verb in ``actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core import jobs
from csc.core.actions import attachments_of, log_contact_details_shown, signatures_of
from csc.core.choices import JobStatus
from csc.core.errors import ActionError, Conflict
from csc.core.permissions import can, restrict
from csc.core.views import (
    PAGE_SIZE,
    action_error_to_form,
    flash_error,
    flash_form_errors,
    job_response,
    paginate,
    query_without_page,
    visible,
)
from csc.core.xlsx import ImportReport

from . import actions
from .filters import AdmissionFilter, CreditChangeFilter, CustomerFilter
from .forms import (
    AdmissionForm,
    ClassChangeForm,
    ContactForm,
    CreditChangeForm,
    CustomerForm,
    DecisionForm,
    ImportForm,
)
from .models import Contact, CreditChange, Customer, CustomerAdmission
from .panels import panel_named, panels_for
from .rules import (
    ADMISSION_FLOW,
    CREDIT_CHANGE_FLOW,
    approval_permission,
    contact_details_for,
    may_see_bank_account,
    may_see_contact_details,
    shows_contact_details,
)


@login_required
def customer_list(request):
    if not can(request.user, "customers.view_customer"):
        raise Http404
    visible = restrict(Customer.objects.select_related("salesperson"), request.user)
    filterset = CustomerFilter(request.GET or None, queryset=visible.defer("bank_account", "notes"))
    valid = filterset.is_bound and filterset.is_valid()
    customers = filterset.qs if valid else visible.order_by("name")
    searching = valid and (filterset.form.cleaned_data.get("q") or "").strip()
    return render(
        request,
        "customers/list.html",
        {
            "filter": filterset,
            "page": _search_page(request, customers) if searching else paginate(request, customers),
            "query": query_without_page(request),
            "may_export": can(request.user, "customers.export_customer"),
            "may_import": can(request.user, "customers.import_customer"),
            "may_apply": can(request.user, "customers.add_customeradmission"),
        },
    )


# Above this many matches a search is paged the usual way (COUNT, then LIMIT): the matches are
# dense enough that the page query stops early, and the ids need not be held in memory.
SEARCH_IDS_MAX = 10_000


def _search_page(request, customers):
    """Return the page of a name search, scanning the search index once instead of twice.

    A substring search cannot seek in an index, so the pager's COUNT and the page's SELECT would
    each read every customer. Reading the matching ids in order once gives both the count and
    the page; only the page's 25 rows are then fetched in full.
    """
    ids = list(customers.values_list("pk", flat=True)[: SEARCH_IDS_MAX + 1])
    if len(ids) > SEARCH_IDS_MAX:
        return paginate(request, customers)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = customers.in_bulk(page.object_list)
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return page


@login_required
def customer_export(request):
    if not can(request.user, "customers.export_customer"):
        raise Http404
    return job_response(request, "customers.export", _("Customer list"))


@login_required
def customer_import(request):
    if not can(request.user, "customers.import_customer"):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        job = jobs.launch(
            request.user,
            "customers.import",
            _("Customer import"),
            {"good_rows_only": form.cleaned_data["good_rows_only"]},
            upload=form.cleaned_data["file"],
        )
        if not job.finished:
            return redirect(job)  # a large file: its page shows the progress, then the report
        report = _import_report(job, form)
    return render(request, "customers/import.html", {"form": form, "report": report})


def _import_report(job, form):
    """Return the finished import's report, or None with its refusal put on the form."""
    if job.status == JobStatus.DONE:
        return ImportReport.from_dict(job.result["report"])
    action_error_to_form(form, ActionError(job.error, job.result.get("fields")))
    return None


@login_required
def customer_detail(request, pk):
    customer = visible(request, Customer, pk, related=("salesperson",))
    admissions = customer.admissions.select_related("applicant", "decided_by")
    contacts = _contacts_shown(request.user, customer)
    return render(
        request,
        "customers/detail.html",
        {
            "customer": customer,
            "contacts": contacts,
            "contacts_masked": any(shown.masked for _contact, shown in contacts),
            "class_changes": customer.class_changes.select_related("changed_by"),
            "credit_changes": customer.credit_changes.select_related("requested_by", "decided_by"),
            "admissions": admissions,
            "attachments": attachments_of(customer),
            "may_edit": can(request.user, "customers.change_customer", customer),
            "may_reveal": may_see_bank_account(request.user) and customer.bank_account_tail,
            "may_change_class": can(request.user, "customers.change_class", customer),
            "may_request_credit": can(request.user, "customers.add_creditchange", customer),
            "class_form": ClassChangeForm(initial={"new_class": customer.abc_class}),
            "credit_form": CreditChangeForm(),
            "contact_form": ContactForm(),
            "panels": panels_for(customer, request.user),
        },
    )


@login_required
def customer_panel(request, pk, key):
    """One section of the 360° page, fetched by its placeholder; 404 to whom may not see it."""
    customer = visible(request, Customer, pk)
    panel = panel_named(key, customer, request.user)
    if panel is None:
        raise Http404
    context = panel.context(customer, request.user)
    if context is None:
        return HttpResponse("")  # nothing to show yet: the placeholder goes, as the panel did
    # Rendered without the request: the context processors build the menu and the shell's
    # counts, which a fragment does not show (a panel needs only its own context).
    return HttpResponse(render_to_string(panel.template, {"panel": context}))


def _contacts_shown(user, customer):
    """Return [(contact, details as the user may see them)]; a view in clear is logged."""
    contacts = list(customer.contacts.all())
    plain = may_see_contact_details(user)
    if shows_contact_details(user, contacts):
        log_contact_details_shown(user, customer)
    return [(contact, contact_details_for(user, contact, plain)) for contact in contacts]


@login_required
def customer_edit(request, pk):
    customer = visible(request, Customer, pk)
    if not can(request.user, "customers.change_customer", customer):
        raise Http404
    may_see = may_see_bank_account(request.user)
    form = CustomerForm(
        request.POST or None,
        instance=customer,
        may_see_account=may_see,
        initial={"version": customer.version},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.update_customer(
                request.user, Customer.objects.get(pk=pk), data, form.cleaned_data["version"]
            )
        except Conflict as error:
            form.add_error(None, str(error.message))
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The customer was saved."))
            return redirect(customer)
    return render(request, "customers/edit.html", {"form": form, "customer": customer})


@login_required
@require_POST
def reveal_bank_account(request, pk):
    customer = visible(request, Customer, pk)
    try:
        number = actions.reveal_bank_account(request.user, customer)
    except ActionError:
        raise Http404 from None
    return HttpResponse(number, content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def change_class(request, pk):
    customer = visible(request, Customer, pk)
    form = ClassChangeForm(request.POST)
    _run_form_action(
        request,
        form,
        lambda d: actions.change_class(request.user, customer, d["new_class"], d["reason"]),
        _("The class was changed."),
    )
    return redirect(customer)


@login_required
@require_POST
def request_credit_change(request, pk):
    customer = visible(request, Customer, pk)
    form = CreditChangeForm(request.POST)
    _run_form_action(
        request,
        form,
        lambda d: actions.request_credit_change(
            request.user, customer, d["new_level"], d["new_days"], d["reason"]
        ),
        _("The credit change was sent for approval."),
    )
    return redirect(customer)


def _run_form_action(request, form, call, success):
    """Validate a small inline form and run its action; problems become page messages."""
    if not form.is_valid():
        flash_form_errors(request, form)
        return None
    try:
        result = call(form.cleaned_data)
    except ActionError as error:
        flash_error(request, error)
        return None
    messages.success(request, success)
    return result


@login_required
def contact_edit(request, pk, contact_pk=None):
    customer = visible(request, Customer, pk)
    contact = get_object_or_404(Contact, pk=contact_pk, customer=customer) if contact_pk else None
    if not can(request.user, "customers.change_customer", customer):
        raise Http404
    form = ContactForm(
        request.POST or None,
        instance=contact,
        may_see_details=may_see_contact_details(request.user),
    )
    if request.method == "POST":
        if "delete" in request.POST and contact:
            actions.remove_contact(request.user, contact)
            messages.success(request, _("The contact was removed."))
            return redirect(customer)
        if form.is_valid():
            actions.save_contact(request.user, customer, form.cleaned_data, contact)
            messages.success(request, _("The contact was saved."))
            return redirect(customer)
    return render(
        request,
        "customers/contact_form.html",
        {
            "form": form,
            "customer": customer,
            "contact": contact,
            "details_hidden": "phone" not in form.fields,
        },
    )


# --- admission ---------------------------------------------------------------------------


@login_required
def admission_list(request):
    if not can(request.user, "customers.view_customeradmission"):
        raise Http404
    visible = restrict(
        CustomerAdmission.objects.select_related("customer", "applicant"), request.user
    )
    filterset = AdmissionFilter(request.GET or None, queryset=visible)
    admissions = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return render(
        request,
        "customers/admissions.html",
        {
            "filter": filterset,
            "page": paginate(request, admissions.order_by("-created_at", "-id")),
            "query": query_without_page(request),
            "may_apply": can(request.user, "customers.add_customeradmission"),
        },
    )


@login_required
def admission_new(request):
    if not can(request.user, "customers.add_customeradmission"):
        raise Http404
    customer_form = CustomerForm(request.POST or None, prefix="c", may_see_account=True)
    admission_form = AdmissionForm(request.POST or None, prefix="a")
    if request.method == "POST" and customer_form.is_valid() and admission_form.is_valid():
        customer_data = {k: v for k, v in customer_form.cleaned_data.items() if k != "version"}
        if not customer_data.get("salesperson"):
            customer_data.pop("salesperson", None)
        try:
            admission = actions.apply_for_admission(
                request.user, customer_data, admission_form.cleaned_data
            )
        except ActionError as error:
            target = (
                admission_form if set(error.fields) & set(admission_form.fields) else customer_form
            )
            action_error_to_form(target, error)
        else:
            messages.success(
                request, _("The application was saved as a draft. Submit it when it is complete.")
            )
            return redirect(admission)
    return render(
        request,
        "customers/admission_form.html",
        {"customer_form": customer_form, "admission_form": admission_form},
    )


@login_required
def admission_detail(request, pk):
    admission = visible(
        request, CustomerAdmission, pk, related=("customer", "applicant", "decided_by")
    )
    return _admission_page(request, admission)


def _admission_page(request, admission, note="", status=200):
    """Render the admission; a refused step shows again with the note that was typed."""
    allowed = ADMISSION_FLOW.allowed(admission)
    may_decide = can(request.user, approval_permission(admission.requested_level))
    may_edit = can(request.user, "customers.change_customeradmission", admission)
    steps = [s for s in allowed if (s == "submit" and may_edit) or (s != "submit" and may_decide)]
    return render(
        request,
        "customers/admission_detail.html",
        {
            "admission": admission,
            "customer": admission.customer,
            "steps": [(s, ADMISSION_FLOW.steps[s].label) for s in steps],
            "decisions": [(s, ADMISSION_FLOW.steps[s].label) for s in steps if s != "submit"],
            "note": note,
            "form": AdmissionForm(instance=admission) if "submit" in steps else None,
            "decision_form": DecisionForm(),
            "signatures": signatures_of(admission),
            "version": admission.version,
        },
        status=status,
    )


ADMISSION_STEPS = {
    "submit": actions.submit_admission,
    "approve": actions.approve_admission,
    "reject": actions.reject_admission,
    "return": actions.return_admission,
}


@login_required
@require_POST
def admission_step(request, pk, step):
    admission = visible(request, CustomerAdmission, pk)
    if step not in ADMISSION_STEPS:
        raise Http404
    if step == "submit" and "requested_level" in request.POST:
        form = AdmissionForm(request.POST, instance=CustomerAdmission.objects.get(pk=pk))
        if not form.is_valid():
            return _admission_error(request, admission, form)
        try:
            admission = actions.update_admission(
                request.user, admission, form.cleaned_data, request.POST.get("version")
            )
        except ActionError as error:
            flash_error(request, error)
            return redirect(admission)
    form = DecisionForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        ADMISSION_STEPS[step](request.user, admission, note)
    except ActionError as error:
        flash_error(request, error)
        admission.refresh_from_db()
        return _admission_page(request, admission, note=note, status=error.status)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": ADMISSION_FLOW.steps[step].label})
    return redirect(admission)


def _admission_error(request, admission, form):
    flash_form_errors(request, form)
    return redirect(admission)


# --- credit changes ----------------------------------------------------------------------


@login_required
def credit_change_list(request):
    if not can(request.user, "customers.view_creditchange"):
        raise Http404
    visible = restrict(
        CreditChange.objects.select_related("customer", "requested_by"), request.user
    )
    filterset = CreditChangeFilter(request.GET or None, queryset=visible)
    changes = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return render(
        request,
        "customers/credit_changes.html",
        {
            "filter": filterset,
            "page": paginate(request, changes),
            "query": query_without_page(request),
        },
    )


@login_required
def credit_change_detail(request, pk):
    change = visible(request, CreditChange, pk, related=("customer", "requested_by", "decided_by"))
    may_decide = can(
        request.user, approval_permission(change.new_level)
    ) and CREDIT_CHANGE_FLOW.allowed(change)
    if request.method == "POST":
        # The verb decides who may decide: a refusal comes back as a message, not a silent page.
        _decide_credit_change(request, change)
        return redirect(change)
    return render(
        request,
        "customers/credit_change.html",
        {
            "change": change,
            "may_decide": may_decide,
            "form": DecisionForm(),
            "signatures": signatures_of(change),
        },
    )


def _decide_credit_change(request, change):
    form = DecisionForm(request.POST)
    form.is_valid()
    verb = (
        actions.approve_credit_change if "approve" in request.POST else actions.reject_credit_change
    )
    try:
        verb(request.user, change, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The decision was recorded."))


@login_required
def admission_pdf(request, pk):
    """The application as PDF (FM-MKT-004-B1), in Chinese (default) or English (``?lang=en``)."""
    from django.utils.translation import override

    from .pdf import admission_pdf as printed

    admission = visible(request, CustomerAdmission, pk, related=("customer", "applicant", "decided_by"))  # fmt: skip
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = printed(admission)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{admission.number}-{language}.pdf"'
    return response
