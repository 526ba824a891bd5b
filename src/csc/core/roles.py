"""Departments and roles of SPEC 'Users', with the permissions each role starts with.

Each process area declares its grants in its contract as {role: [permission, …]}. After
every migration the roles are created and given any missing default permission; permissions an
administrator removed on purpose are not put back once the role exists.
"""

from django.contrib.auth.models import Group, Permission

from .choices import Role

DEPARTMENTS = [
    ("marketing", "市场部", "Marketing / Sales"),
    ("engineering", "工程部", "Engineering"),
    ("quality", "品质部", "Quality"),
    ("materials", "资材部", "Materials / Planning"),
    ("production", "生产部", "Production"),
    ("warehouse", "仓库", "Warehouse"),
    ("service", "用户服务处", "Customer Service"),
    ("management", "总经办", "General Management"),
]

STAFF_ROLES = [r for r in Role if r != Role.CUSTOMER_CONTACT]
MANAGEMENT = [
    Role.GENERAL_MANAGER,
    Role.VICE_PRESIDENT,
    Role.VP_ASSISTANT,
    Role.MANAGEMENT_REP,
    Role.PLANT_MANAGER,
]

GRANTS = {
    Role.ADMINISTRATOR: [
        "core.view_user",
        "core.add_user",
        "core.change_user",
        "auth.view_group",
        "auth.add_group",
        "auth.change_group",
        "core.view_department",
        "core.add_department",
        "core.change_department",
        "core.view_calendarday",
        "core.add_calendarday",
        "core.change_calendarday",
        "core.delete_calendarday",
        "core.view_auditentry",
        "core.view_outboxemail",
        "core.change_outboxemail",  # send a failed e-mail again
        "core.view_job",
    ],
    **{role: ["core.view_calendarday"] for role in STAFF_ROLES if role != Role.ADMINISTRATOR},
}


def all_grants():
    """Return {role: set(permission strings)} merged from core and every CSC app."""
    from .areas import each

    merged = {role.value: set() for role in Role}
    for grants in [GRANTS, *(grants for _label, grants in each("grants"))]:
        for role, perms in grants.items():
            merged[str(role)].update(perms)
    return merged


def sync_roles(**kwargs):
    """Create the role groups, then add the default permissions they are missing (new roles only
    get everything; existing roles get permissions that did not exist before)."""
    known = {
        f"{app}.{code}": pk
        for pk, app, code in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role, perms in all_grants().items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = {known[p] for p in perms if p in known}
        group.permissions.add(*wanted)


def sync_departments():
    from .models import Department

    for code, name, name_en in DEPARTMENTS:
        Department.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
