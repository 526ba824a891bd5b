"""Customer satisfaction surveys (SUR-1…SUR-8): questionnaires, plans, rounds, answers.

A round draws its sample from the customer master, sends each customer a link, collects the
answers (by link or keyed in from paper), and is closed with its validity figures; poor
results open corrective actions in ``csc.capa``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel, VersionedModel
from csc.core.privacy import encrypted_email

from .choices import (
    Category,
    Channel,
    Frequency,
    RoundStatus,
    TemplateKind,
    TemplateStatus,
    TriggerKind,
)

SCORE = {"max_digits": 8, "decimal_places": 3}


def _in_language(chinese, english):
    return english if get_language() == "en" and english else chinese


class SurveyTemplate(VersionedModel):
    """A questionnaire (顾客满意度调查表, HT-QR-MA-01) in one edition.

    Rounds keep the edition they used: editing a template a round used makes a new edition
    with the same ``code``, so old results stay computable as they were answered.
    ``version`` (from VersionedModel) only guards concurrent edits of one edition.
    """

    code = models.SlugField(_("template code"), max_length=40)
    edition = models.PositiveSmallIntegerField(_("template version"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    kind = models.CharField(_("scoring"), max_length=10, choices=TemplateKind.choices)
    form_number = models.CharField(_("form no."), max_length=20, default="HT-QR-MA-01")
    status = models.CharField(
        _("status"), max_length=10, choices=TemplateStatus.choices, default=TemplateStatus.DRAFT
    )
    # Weighted templates: the scale's values, best first (S3: 100 … 40).
    levels = models.JSONField(_("scale levels"), default=list, blank=True)
    requirement = models.DecimalField(
        _("requirement per item"), max_digits=6, decimal_places=2, default=0
    )
    complaint_points = models.DecimalField(
        _("points off per complaint"), max_digits=5, decimal_places=2, default=0
    )
    complaint_cap = models.DecimalField(
        _("complaint deduction cap"), max_digits=5, decimal_places=2, default=0
    )
    return_points = models.DecimalField(
        _("points off per return"), max_digits=5, decimal_places=2, default=0
    )
    return_cap = models.DecimalField(
        _("return deduction cap"), max_digits=5, decimal_places=2, default=0
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["code", "-edition"]
        constraints = [
            models.UniqueConstraint(fields=["code", "edition"], name="uniq_template_edition")
        ]
        permissions = [("publish_surveytemplate", _("Can publish survey templates"))]

    def __str__(self):
        return f"{self.label} v{self.edition}"

    def get_absolute_url(self):
        return reverse("surveys:template", args=[self.pk])

    @property
    def label(self):
        return _in_language(self.name, self.name_en)

    @property
    def is_weighted(self):
        return self.kind == TemplateKind.WEIGHTED


class TemplateItem(AuditedModel):
    """One question of a template: its weight (weighted) or its points (points template)."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    key = models.SlugField(_("key"), max_length=40)
    text = models.CharField(_("question"), max_length=200)
    text_en = models.CharField(_("question in English"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=3, default=0)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey item")
        verbose_name_plural = _("survey items")
        ordering = ["template_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="uniq_item_key")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return _in_language(self.text, self.text_en)


class SurveyPlan(VersionedModel):
    """How often which questionnaire goes out (SUR-1); the worker opens its rounds."""

    name = models.CharField(_("name"), max_length=120)
    template = models.ForeignKey(
        SurveyTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("Each round uses the latest published version of this template."),
    )
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    open_month = models.PositiveSmallIntegerField(
        _("opening month"),
        help_text=_("The month a round opens in; it covers the months up to its end."),
    )
    response_days = models.PositiveSmallIntegerField(_("response window (working days)"))
    c_share = models.DecimalField(_("share of C customers"), max_digits=4, decimal_places=3)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    send_automatically = models.BooleanField(_("send when opened"), default=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("survey plan")
        verbose_name_plural = _("survey plans")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("surveys:plan", args=[self.pk])


class SurveyRound(VersionedModel):
    """One survey of a period: its sample, its answers, its validity and its results."""

    number = models.CharField(_("round no."), max_length=20, unique=True)
    plan = models.ForeignKey(
        SurveyPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.PLANNED
    )
    response_days = models.PositiveSmallIntegerField(_("response window (working days)"))
    c_share = models.DecimalField(_("share of C customers"), max_digits=4, decimal_places=3)
    # The draw (SUR-4): with the seed and the population's digest anyone can redo it.
    seed = models.BigIntegerField(_("random seed"), null=True, blank=True)
    c_population = models.PositiveIntegerField(_("C customers to draw from"), default=0)
    population_digest = models.CharField(_("population digest"), max_length=64, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    due_date = models.DateField(_("answer by"), null=True, blank=True)
    links_expire_at = models.DateTimeField(_("links expire"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Frozen when the round closes (SUR-5).
    invited = models.PositiveIntegerField(_("surveys sent"), default=0)
    responded = models.PositiveIntegerField(_("answers"), default=0)
    ab_invited = models.PositiveIntegerField(_("A/B surveys sent"), default=0)
    ab_responded = models.PositiveIntegerField(_("A/B answers"), default=0)
    valid = models.BooleanField(_("valid"), null=True, blank=True)
    validity_note = models.TextField(_("validity"), blank=True)
    index = models.DecimalField(_("satisfaction index"), null=True, blank=True, **SCORE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-period_end", "-id"]
        constraints = [
            # The worker may run twice on a day: a plan has one round per period.
            models.UniqueConstraint(
                fields=["plan", "period_start"],
                condition=Q(plan__isnull=False),
                name="uniq_round_plan_period",
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="round_status_due")]
        permissions = [
            ("run_surveyround", _("Can open, send, remind and close survey rounds")),
            ("enter_surveyresponse", _("Can key in paper and fax answers")),
            ("export_survey", _("Can export survey statistics and reports")),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("surveys:round", args=[self.pk])


class SurveyInvitation(AuditedModel):
    """One customer in a round's sample: where the survey went and whether it came back."""

    customer_lookup = "customer"

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="survey_invitations",
    )
    abc_class = models.CharField(_("class"), max_length=1)
    drawn = models.BooleanField(_("drawn at random"), default=False)
    email = encrypted_email(_("e-mail"))  # the contact's, copied when the round was drawn
    language = models.CharField(_("language"), max_length=10)
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    product_line = models.CharField(_("product line"), max_length=80, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The e-mail that carried the latest answer link: the round shows whether it went out.
    mail = models.ForeignKey(
        "core.OutboxEmail",
        verbose_name=_("e-mail sent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminders = models.PositiveSmallIntegerField(_("reminders"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["round_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "customer"], name="uniq_invitation_customer")
        ]
        indexes = [
            models.Index(fields=["round", "abc_class", "responded_at"], name="invitation_class"),
        ]

    def __str__(self):
        return f"{self.round.number} · {self.customer}"


class SurveyLink(models.Model):
    """An answer link. Only the token's SHA-256 is stored: the database cannot leak links.

    A reminder issues a new link; every unexpired link of an invitation answers it, once.
    """

    invitation = models.ForeignKey(SurveyInvitation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("answer link")
        verbose_name_plural = _("answer links")

    def __str__(self):
        return f"{self.invitation_id} · {self.created_at:%Y-%m-%d}"


class SurveyResponse(AuditedModel):
    """A customer's answered questionnaire and its scores (SUR-2, SUR-3).

    ``score`` is the weighted index (weighted template) or the sum of points; ``satisfaction``
    is the score minus the complaint and return deductions of the round's period. Both are
    kept exact; they are rounded once, for display (see ``rules.rounded``).
    """

    customer_lookup = "customer"

    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="responses")
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.PROTECT, related_name="response"
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    abc_class = models.CharField(_("class"), max_length=1)
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    product_line = models.CharField(_("product line"), max_length=80, blank=True)
    channel = models.CharField(_("received by"), max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("keyed in by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    respondent = models.CharField(_("filled in by"), max_length=120, blank=True)
    submitted_at = models.DateTimeField(_("answered"), default=timezone.now)
    comment = models.TextField(_("overall comment"), blank=True)
    score = models.DecimalField(_("score"), default=0, **SCORE)
    complaints = models.PositiveSmallIntegerField(_("complaints in the period"), default=0)
    returns = models.PositiveSmallIntegerField(_("returns in the period"), default=0)
    complaint_deduction = models.DecimalField(
        _("complaint deduction"), max_digits=6, decimal_places=2, default=0
    )
    return_deduction = models.DecimalField(
        _("return deduction"), max_digits=6, decimal_places=2, default=0
    )
    satisfaction = models.DecimalField(_("satisfaction"), default=0, **SCORE)
    below_requirement = models.PositiveSmallIntegerField(_("items below requirement"), default=0)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            # The answers ledger's first page, newest first (its sort: submitted_at, then id).
            models.Index(fields=["submitted_at", "id"], name="response_submitted"),
            models.Index(fields=["round", "submitted_at", "id"], name="response_round_submitted"),
            models.Index(fields=["round", "abc_class", "satisfaction"], name="response_class"),
            models.Index(fields=["round", "product_line", "satisfaction"], name="response_line"),
            models.Index(fields=["round", "satisfaction"], name="response_round_score"),
            models.Index(fields=["customer", "submitted_at"], name="response_customer"),
        ]

    def __str__(self):
        return f"{self.round.number} · {self.customer}"

    def get_absolute_url(self):
        return reverse("surveys:response", args=[self.pk])


class SurveyAnswer(models.Model):
    """The value given to one item, with the customer's comment on it."""

    customer_lookup = "response__customer"

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    # Copied from the response so per-item statistics read one table through one index.
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(_("value"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        # Answers are written in the questionnaire's order: their ids follow it, with no join.
        ordering = ["response_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="uniq_answer_item")
        ]
        indexes = [
            models.Index(fields=["round", "item", "value"], name="answer_round_item"),
            # Most answers carry no comment: the comments of a round are found in a small index.
            models.Index(fields=["round"], condition=~Q(comment=""), name="answer_commented"),
        ]

    def __str__(self):
        return f"{self.item} = {self.value}"


class Chase(models.Model):
    """One attempt to get an answer from a customer who has not replied (SUR-5)."""

    customer_lookup = "invitation__customer"

    invitation = models.ForeignKey(
        SurveyInvitation, on_delete=models.CASCADE, related_name="chases"
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    automatic = models.BooleanField(_("sent by the system"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("chase")
        verbose_name_plural = _("chases")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.invitation} · {self.get_channel_display()} {self.at:%Y-%m-%d}"


class SurveyAction(models.Model):
    """A corrective action a survey result opened (SUR-7), and what the customer was told.

    ``key`` makes each trigger open its action once, however often the round is looked at.
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="actions")
    response = models.ForeignKey(
        SurveyResponse, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(_("trigger"), max_length=20, choices=TriggerKind.choices)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    item = models.ForeignKey(
        TemplateItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product_line = models.CharField(_("product line"), max_length=80, blank=True)
    key = models.CharField(max_length=160)
    capa = models.ForeignKey(
        "capa.Capa", verbose_name=_("corrective action"), on_delete=models.PROTECT, related_name="+"
    )
    customer_told_at = models.DateTimeField(_("customer thanked"), null=True, blank=True)
    feedback_sent_at = models.DateTimeField(_("outcome sent to customer"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("survey action")
        verbose_name_plural = _("survey actions")
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="uniq_action_key")]

    def __str__(self):
        return f"{self.round.number} · {self.get_kind_display()}"
