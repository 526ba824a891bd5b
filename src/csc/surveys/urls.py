from django.urls import path

from . import public
from .views import answers, rounds, setup

app_name = "surveys"

urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_new, name="round-new"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/statistics/", rounds.round_statistics, name="statistics"),
    path("rounds/<int:pk>/report.pdf", rounds.report_pdf, name="report-pdf"),
    path("rounds/<int:pk>/statistics.xlsx", rounds.report_xlsx, name="report-xlsx"),
    path("rounds/<int:pk>/step/<slug:step>/", rounds.round_step, name="round-step"),
    path("rounds/<int:pk>/invitations/<int:invitation_pk>/chase/", rounds.chase, name="chase"),
    path(
        "rounds/<int:pk>/invitations/<int:invitation_pk>/answer/",
        answers.enter_response,
        name="enter",
    ),
    path("trend/", rounds.trend, name="trend"),
    path("answers/", answers.response_list, name="responses"),
    path("answers/<int:pk>/", answers.response_detail, name="response"),
    path("questionnaires/", setup.template_list, name="templates"),
    path("questionnaires/new/", setup.template_edit, name="template-new"),
    path("questionnaires/<int:pk>/", setup.template_detail, name="template"),
    path("questionnaires/<int:pk>/edit/", setup.template_edit, name="template-edit"),
    path("questionnaires/<int:pk>/form.pdf", setup.template_pdf, name="template-pdf"),
    path("questionnaires/<int:pk>/publish/", setup.template_publish, name="template-publish"),
    path("plans/", setup.plan_list, name="plans"),
    path("plans/new/", setup.plan_detail, name="plan-new"),
    path("plans/<int:pk>/", setup.plan_detail, name="plan"),
    # The customer's page: no login, the token is the key (SEC-3).
    path("answer/thanks/", public.thanks, name="answer-thanks"),
    path("answer/<str:token>/", public.answer, name="answer"),
]
