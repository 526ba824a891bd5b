"""Demo company: one user per role, a working calendar with the 2026 public holidays."""

import datetime as dt

from django.contrib.auth.models import Group

from .choices import CalendarDayKind, Role
from .models import CalendarDay, Department, User

PASSWORD = "csc-demo-2026"

# username, family name, given name, role, department code, language
PEOPLE = [
    ("sales", "王", "晓燕", Role.SALES, "marketing", "zh-hans"),
    ("sales2", "Miller", "Anna", Role.SALES, "marketing", "en"),
    ("engineering", "李", "工", Role.ENGINEERING, "engineering", "zh-hans"),
    ("quality", "张", "质", Role.QUALITY, "quality", "zh-hans"),
    ("materials", "陈", "料", Role.MATERIALS, "materials", "zh-hans"),
    ("production", "刘", "产", Role.PRODUCTION, "production", "zh-hans"),
    ("warehouse", "赵", "库", Role.WAREHOUSE, "warehouse", "zh-hans"),
    ("service", "孙", "服", Role.SERVICE, "service", "zh-hans"),
    ("gm", "周", "总", Role.GENERAL_MANAGER, "management", "zh-hans"),
    ("vp", "吴", "副总", Role.VICE_PRESIDENT, "management", "zh-hans"),
    ("vp_assistant", "郑", "助理", Role.VP_ASSISTANT, "management", "zh-hans"),
    ("mr", "钱", "代表", Role.MANAGEMENT_REP, "quality", "zh-hans"),
    ("plant_manager", "冯", "厂长", Role.PLANT_MANAGER, "production", "zh-hans"),
    ("admin", "管理", "员", Role.ADMINISTRATOR, "management", "zh-hans"),
]

# The 2026 public holidays and make-up working days as announced; check each year's notice.
HOLIDAYS_2026 = [
    ("2026-01-01", "2026-01-03", "元旦"),
    ("2026-02-15", "2026-02-23", "春节"),
    ("2026-04-04", "2026-04-06", "清明节"),
    ("2026-05-01", "2026-05-05", "劳动节"),
    ("2026-06-19", "2026-06-21", "端午节"),
    ("2026-09-25", "2026-09-27", "中秋节"),
    ("2026-10-01", "2026-10-07", "国庆节"),
]
MAKEUP_2026 = [
    ("2026-01-04", "元旦调休"),
    ("2026-02-14", "春节调休"),
    ("2026-02-28", "春节调休"),
    ("2026-05-09", "劳动节调休"),
    ("2026-09-20", "国庆节调休"),
    ("2026-10-10", "国庆节调休"),
]


def load_people():
    """Create the demo users (idempotent); return {username: user}."""
    users = {}
    for username, family, given, role, department, language in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": family,
                "first_name": given,
                "email": f"{username}@demo.csc.local",
                "department": Department.objects.get(code=department),
                "language": language,
                "is_staff": role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def load_calendar():
    for first, last, name in HOLIDAYS_2026:
        day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        while day <= end:
            CalendarDay.objects.get_or_create(
                date=day, defaults={"kind": CalendarDayKind.HOLIDAY, "name": name}
            )
            day += dt.timedelta(days=1)
    for iso, name in MAKEUP_2026:
        CalendarDay.objects.get_or_create(
            date=dt.date.fromisoformat(iso),
            defaults={"kind": CalendarDayKind.WORKDAY, "name": name},
        )
