"""Pages of the company set-up: home, notifications, calendar, audit trail, files, language."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST

from . import actions
from .choices import JobStatus, OutboxStatus
from .errors import ActionError
from .forms import AttachmentForm, CalendarDayForm
from .mail import delivery_of
from .models import Attachment, AuditEntry, CalendarDay, Job, OutboxEmail, SavedView
from .permissions import can, restrict
from .privacy import masked_address, masked_addresses, may_see_contact_details, shown_to

PAGE_SIZE = 25


def require_page(request, perm):
    """Raise 404 unless the user holds ``perm``: a page one may not open does not exist for
    them (nobody learns what is there). The one page permission check of every area."""
    if not can(request.user, perm):
        raise Http404


def visible(request, model, pk, related=()):
    """Return the record if the user may see it, else 404 (nobody learns it exists)."""
    queryset = restrict(model.objects.select_related(*related), request.user)
    return get_object_or_404(queryset, pk=pk)


def filtered(filterset_class, request, queryset, default_order):
    """Return (filterset, rows): the rows of a valid query, else all; in the default order
    unless the query sorts them itself."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and filterset.is_valid():
        rows = filterset.qs
        # An ordering the filter ignored leaves an aggregate query unsorted: sort it anyway.
        if not request.GET.get("ordering") or not rows.ordered:
            rows = rows.order_by(*default_order)
        return filterset, rows
    return filterset, queryset.order_by(*default_order)


def run_form(request, form, call, success=None):
    """Validate ``form`` and run ``call(cleaned_data)``; problems become page messages.

    The one form-and-verb runner of every area's pages. Returns the verb's result, or None
    when the form or the verb refused.
    """
    if form is not None and not form.is_valid():
        flash_form_errors(request, form)
        return None
    try:
        result = call(form.cleaned_data if form is not None else {})
    except ActionError as error:
        flash_error(request, error)
        return None
    messages.success(request, success or _("Done."))
    return result


def save_form(request, form, call, success):
    """Validate a bound edit form and run ``call(data, version)``; the form keeps every typed
    value and carries the verb's refusal next to its fields.

    The runner of the pages that show the form again on a refusal (``run_form`` turns them
    into page messages). Returns the verb's result, or None when the form or the verb refused.
    """
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    version = data.pop("version", None)
    try:
        result = call(data, version)
    except ActionError as error:
        action_error_to_form(form, error)
        return None
    messages.success(request, success)
    return result


def workbook_response(write, name):
    """Run ``write(file)`` into a temporary file (constant memory, no workbook held in the
    web worker) and send it back as the download ``name``."""
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    write(target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=name)


# Ledgers of a million records (service requests, field jobs): past this many rows the pager
# says "more than", since the exact total of a large selection costs more than the page.
LEDGER_COUNT_AT_MOST = 10_000


def paginate(request, queryset, size=PAGE_SIZE, count_at_most=None):
    """Return the requested page of a queryset (SQL LIMIT/OFFSET).

    With ``count_at_most`` the pager counts no further than that: the list then says "more
    than …" instead of the exact total of a very large selection.
    """
    if count_at_most is None:
        return KeysFirstPaginator(queryset, size).get_page(request.GET.get("page"))
    return CappedPaginator(queryset, size, count_at_most).get_page(request.GET.get("page"))


class KeysFirstPaginator(Paginator):
    """A paginator that finds the page's keys first, then reads those rows with their joins.

    With the joins of ``select_related`` in the same query, SQLite's planner may start from a
    small joined table and sort the whole ledger for its first 25 rows (6 s at a million field
    service records); the keys alone come straight from the ledger's sort index, and 25 rows
    by key are then cheap on every database.
    """

    def page(self, number):
        rows = self.object_list
        if not (isinstance(rows, QuerySet) and rows.query.select_related and rows.ordered):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(rows.values_list("pk", flat=True)[bottom:top])
        # Unsorted: the keys give the order. Sorted, SQLite walks the sort index of the filter
        # (a round's 100k answers) to spare sorting 25 rows, instead of seeking the keys.
        found = {row.pk: row for row in rows.filter(pk__in=keys).order_by()} if keys else {}
        return self._get_page([found[k] for k in keys if k in found], number, self)


class CappedPaginator(KeysFirstPaginator):
    """A paginator that counts at most ``cap`` rows (one more tells that there are more).

    The exact total of a selection of hundreds of thousands of rows costs more than the page
    itself, even from an index; nobody pages that far.
    """

    def __init__(self, object_list, per_page, cap, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def more_than(self):
        """Return the cap when there are more rows than it, else None (the count is exact)."""
        return self.cap if self.count > self.cap else None


def show_addresses(request, rows, field, on=None, masker=masked_address):
    """Give each row ``shown_<field>``: a contact's address (or its copy) as the user may see
    it (SEC-2): in clear with the permission to see contact details, masked without.

    A page that shows any in clear is logged once, on ``on`` (default: its first such row).
    Returns ``rows`` (a page stays a page).
    """
    plain = may_see_contact_details(request.user)
    for row in rows:
        setattr(row, f"shown_{field}", shown_to(plain, getattr(row, field), masker))
    shown = next((row for row in rows if getattr(row, field)), None)
    if plain and shown is not None:
        actions.log_contact_details_shown(request.user, on or shown)
    return rows


def query_without_page(request):
    """Return the current query string minus ``page``, for paging and sort links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def action_error_to_form(form, error):
    """Put an action's refusal on a form: field messages on fields, the rest on top."""
    for name, messages_ in error.fields.items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)
    if not error.fields:
        form.add_error(None, str(error.message))


def flash_error(request, error):
    """Show an action's refusal as page messages."""
    for problems in error.fields.values():
        for problem in problems:
            messages.error(request, problem)
    if not error.fields:
        messages.error(request, str(error.message))


def flash_form_errors(request, form):
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, problem)


def safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return fallback


def run_bulk(request, form, queryset, handlers, back):
    """Run the ticked rows' action of a list page and go back to it.

    ``handlers`` maps an action to ``handler(rows, cleaned_data)``, which returns either a
    response (an export) or the success message; a refusal becomes the page's messages.
    """
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data
    rows = restrict(queryset, request.user).filter(pk__in=data["selected"])
    try:
        outcome = handlers[data["action"]](rows, data)
    except ActionError as error:
        flash_error(request, error)
        return redirect(back)
    if isinstance(outcome, HttpResponseBase):
        return outcome
    messages.success(request, outcome)
    return redirect(back)


@login_required
def home(request):
    from .dashboard import work_for

    return render(request, "core/home.html", {"work": work_for(request.user)})


@login_required
def search(request):
    """The header's search: the records of every area matching one word, grouped by kind."""
    from .search import clean, find
    from .textindex import LONGEST

    asked = request.GET.get("q", "")
    word = clean(asked)
    return render(
        request,
        "core/search.html",
        {
            "word": word,
            "search_word": word,
            "groups": find(request.user, word) if word else [],
            "cut": len(asked.strip()) > LONGEST,
        },
    )


@login_required
def notifications(request):
    if request.method == "POST":
        actions.mark_read(request.user)
        return redirect("core:notifications")
    page = paginate(request, request.user.notifications.all())
    return render(request, "core/notifications.html", {"page": page})


@require_POST
def set_language(request):
    """Switch the interface language: saved on the user, or in a cookie before login."""
    from django.conf import settings

    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request, "/"))
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        actions.set_language(request.user, language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
    )
    return response


@login_required
def calendar(request):
    if not can(request.user, "core.view_calendarday"):
        raise Http404
    may_edit = can(request.user, "core.change_calendarday")
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_calendar_day(request.user, **form.cleaned_data)
        except ActionError as error:
            # Without the right the form is not shown, so its errors would go unseen.
            if may_edit:
                action_error_to_form(form, error)
            else:
                flash_error(request, error)
        else:
            messages.success(request, _("The working calendar was updated."))
            return redirect("core:calendar")
    days = CalendarDay.objects.all()
    year = request.GET.get("year")
    if year and year.isascii() and year.isdigit() and 1 <= int(year) <= 9999:
        days = days.filter(date__year=int(year))  # anything else would fail as a date
    return render(
        request,
        "core/calendar.html",
        {
            "form": form,
            "page": paginate(request, days, 50),
            "may_edit": may_edit,
        },
    )


@login_required
def audit_trail(request):
    entries = restrict(AuditEntry.objects.all(), request.user)
    for key in ("action", "actor_name", "request_id"):
        if request.GET.get(key):
            entries = entries.filter(**{key: request.GET[key]})
    if request.GET.get("q"):
        entries = entries.filter(object_repr__icontains=request.GET["q"])
    page = paginate(request, entries.select_related("content_type"))
    return render(request, "core/audit.html", {"page": page, "query": query_without_page(request)})


def visible_record(user, content_type_id, object_id):
    """Return the record behind a generic link if the user may see it, else raise 404."""
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None:
        raise Http404
    queryset = restrict(model._default_manager.all(), user)
    try:
        return get_object_or_404(queryset, pk=object_id)
    except (ValueError, ValidationError):
        raise Http404 from None  # an id of the wrong shape ('abc' for a number) names nothing


@login_required
def record_history(request, content_type_id, object_id):
    """The history panel of any record (htmx partial)."""
    from . import audit, history

    record = visible_record(request.user, content_type_id, object_id)
    page = paginate(request, audit.history(record), 50)
    for entry in page:
        entry.about = history.about(entry, record)
    return render(request, "core/partials/history.html", {"page": page, "record": record})


@login_required
@require_POST
def upload_attachment(request, content_type_id, object_id):
    record = visible_record(request.user, content_type_id, object_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.attach(request.user, record, form.cleaned_data["file"])
            messages.success(request, _("The file was attached."))
        except ActionError as error:
            flash_error(request, error)
    else:
        flash_form_errors(request, form)
    return redirect(safe_next(request, getattr(record, "get_absolute_url", lambda: "/")()))


@login_required
def download_attachment(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    # Whoever may see the record may download its files; nobody else learns they exist.
    visible_record(request.user, attachment.content_type_id, attachment.object_id)
    inline = request.GET.get("inline") == "1" and attachment.previewable
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not inline,
        filename=attachment.name,
        content_type=attachment.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- saved views -------------------------------------------------------------------------


@login_required
@require_POST
def saved_view_save(request):
    """Keep the list page's current filters under a name, then show that page again."""
    path = request.POST.get("path", "")
    try:
        view = actions.save_view(
            request.user,
            path,
            request.POST.get("name"),
            request.POST.get("query", ""),
            shared=request.POST.get("shared") == "on",
        )
    except ActionError as error:
        flash_error(request, error)
        return redirect(safe_next(request, "/"))
    messages.success(request, _("The view “%(name)s” was saved.") % {"name": view.name})
    return redirect(view.get_absolute_url())


@login_required
@require_POST
def saved_view_delete(request, pk):
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    path = view.path
    actions.delete_view(request.user, view)
    messages.success(request, _("The saved view was deleted."))
    return redirect(path)


# --- background jobs ---------------------------------------------------------------------


def job_response(request, kind, title, params=None):
    """Start a job on the page's query; answer with its file if it ends within the wait
    (a small export downloads as before), else with the page showing its progress."""
    from . import jobs

    params = {"query": request.GET.urlencode(), **(params or {})}
    job = jobs.launch(request.user, kind, title, params)
    if job.status == JobStatus.DONE and job.file:
        return _job_file(job)
    return redirect(job)


def _job_file(job):
    name = job.file.name.rsplit("/", 1)[-1]
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)


def _own_job(request, pk):
    # A job's file holds what its user may see, so only that user sees the job at all.
    return get_object_or_404(Job, pk=pk, user=request.user)


@login_required
def outbox(request):
    """Every outgoing e-mail with its state, newest first; the failed ones can go again."""
    require_page(request, "core.view_outboxemail")
    status = request.GET.get("status", "")
    emails = OutboxEmail.objects.order_by("-created_at", "-id")
    if status == "trouble":
        emails = emails.filter(Q(status=OutboxStatus.FAILED) | Q(status=OutboxStatus.UNCONFIRMED) | Q(status=OutboxStatus.PENDING, attempts__gt=0))  # fmt: skip
    elif status in OutboxStatus.values:
        emails = emails.filter(status=status)
    page = paginate(request, emails, count_at_most=LEDGER_COUNT_AT_MOST)
    for email in show_addresses(request, page, "to", masker=masked_addresses):
        email.state, email.state_words = delivery_of(email)
    return render(
        request,
        "core/outbox.html",
        {
            "page": page,
            "status": status,
            "statuses": OutboxStatus.choices,
            "may_retry": can(request.user, "core.change_outboxemail"),
            "query": query_without_page(request),
        },
    )


@login_required
@require_POST
def outbox_retry(request, pk):
    require_page(request, "core.view_outboxemail")
    email = get_object_or_404(OutboxEmail, pk=pk)
    run_form(request, None, lambda _d: actions.retry_email(request.user, email), _("The e-mail is queued again."))  # fmt: skip
    return redirect("core:outbox")


@login_required
def job_list(request):
    page = paginate(request, Job.objects.filter(user=request.user))
    runs = None
    if can(request.user, "core.view_job"):
        runs = Job.objects.filter(user__isnull=True)[:50]  # the scheduled runs, newest first
    return render(request, "core/jobs.html", {"page": page, "runs": runs})


@login_required
def job_detail(request, pk):
    return render(request, "core/job.html", {"job": _own_job(request, pk)})


@login_required
def job_progress(request, pk):
    """The progress panel alone, which the job page polls until the job ends (htmx)."""
    return render(request, "core/partials/job_progress.html", {"job": _own_job(request, pk)})


@login_required
def job_file(request, pk):
    job = _own_job(request, pk)
    if not job.file:
        raise Http404
    return _job_file(job)


def not_found(request, exception):
    """Answer an unknown URL: a JSON refusal under /api/ (a client parses it), else the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found, or not yours to see.")}, status=404)
    return defaults.page_not_found(request, exception)
