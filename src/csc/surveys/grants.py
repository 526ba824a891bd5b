"""Default permissions of each role on satisfaction surveys.

Marketing runs the survey (S0 3.7, S1 4.3.4.1); the Management Representative and Quality
receive the report (S1 4.3.4.3); every department reads the results; a customer contact sees
only their own customer's answers.
"""

from csc.core.choices import Role
from csc.core.roles import STAFF_ROLES

READ = [
    "surveys.view_surveytemplate",
    "surveys.view_templateitem",
    "surveys.view_surveyplan",
    "surveys.view_surveyround",
    "surveys.view_surveyinvitation",
    "surveys.view_surveyresponse",
    "surveys.view_surveyanswer",
    "surveys.view_chase",
    "surveys.view_surveyaction",
]

RUN = [
    *READ,
    "surveys.add_surveytemplate",
    "surveys.change_surveytemplate",
    "surveys.publish_surveytemplate",
    "surveys.add_surveyplan",
    "surveys.change_surveyplan",
    "surveys.add_surveyround",
    "surveys.run_surveyround",
    "surveys.enter_surveyresponse",
    "surveys.add_chase",
    "surveys.export_survey",
]

GRANTS = {
    **{role: list(READ) for role in STAFF_ROLES},
    Role.SALES: RUN,
    Role.QUALITY: [*READ, "surveys.export_survey"],
    Role.MANAGEMENT_REP: [*READ, "surveys.export_survey", "surveys.publish_surveytemplate"],
    Role.GENERAL_MANAGER: [*READ, "surveys.export_survey"],
    Role.ADMINISTRATOR: [*RUN],
    Role.CUSTOMER_CONTACT: ["surveys.view_surveyresponse", "surveys.view_surveyanswer"],
}
