"""Legal holds are set and released by the Management Representative; the administrator sees
what the retention job did."""

from csc.core.choices import Role

SEE = ["retention.view_legalhold", "retention.view_retentionentry"]
GRANTS = {
    Role.MANAGEMENT_REP: [
        *SEE,
        "retention.add_legalhold",
        "retention.change_legalhold",
        "retention.add_retentionentry",
    ],
    Role.ADMINISTRATOR: list(SEE),
    Role.GENERAL_MANAGER: list(SEE),
}
