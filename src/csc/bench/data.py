"""Building blocks of realistic benchmark data: people, company names, places, bulk inserts.

Names are built from parts by the record's number, so every number gives a different name and a
second run can continue where the first stopped without ever repeating one.
"""

import datetime as dt
import math
import random

from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

from csc.core.choices import Role
from csc.core.models import Department, User
from csc.core.roles import sync_departments, sync_roles

#: Every user the bench makes has this prefix; records owned by them are the bench's own.
USER_PREFIX = "bench-"

# username suffix, family name, given name, role, department, language
USERS = [
    ("sales-1", "王", "晓燕", Role.SALES, "marketing", "zh-hans"),
    ("sales-2", "李", "建国", Role.SALES, "marketing", "zh-hans"),
    ("sales-3", "Miller", "Anna", Role.SALES, "marketing", "en"),
    ("vp", "吴", "副总", Role.VICE_PRESIDENT, "management", "zh-hans"),
    ("vp-assistant", "郑", "助理", Role.VP_ASSISTANT, "management", "zh-hans"),
    ("quality", "张", "质", Role.QUALITY, "quality", "zh-hans"),
    ("mr", "钱", "代表", Role.MANAGEMENT_REP, "quality", "zh-hans"),
    ("admin", "管理", "员", Role.ADMINISTRATOR, "management", "zh-hans"),
]


def bench_users():
    """Create the bench's users once (no usable password: the bench logs them in directly)."""
    if not Group.objects.filter(name=Role.SALES).exists():
        sync_departments()
        sync_roles()
    users = {}
    with transaction.atomic():
        for suffix, family, given, role, department, language in USERS:
            user, created = User.objects.get_or_create(
                username=USER_PREFIX + suffix,
                defaults={
                    "last_name": family,
                    "first_name": given,
                    "email": f"{suffix}@bench.csc.local",
                    "department": Department.objects.filter(code=department).first(),
                    "language": language,
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=role))
            users[suffix] = user
    return users


# --- places ------------------------------------------------------------------------------

# city, province (the customer's region), telephone area code, postal code prefix
CITIES = [
    ("苏州", "江苏", "0512", "215"), ("无锡", "江苏", "0510", "214"), ("常州", "江苏", "0519", "213"),
    ("南京", "江苏", "025", "210"), ("上海", "上海", "021", "200"), ("杭州", "浙江", "0571", "310"),
    ("宁波", "浙江", "0574", "315"), ("温州", "浙江", "0577", "325"), ("嘉兴", "浙江", "0573", "314"),
    ("深圳", "广东", "0755", "518"), ("东莞", "广东", "0769", "523"), ("广州", "广东", "020", "510"),
    ("佛山", "广东", "0757", "528"), ("中山", "广东", "0760", "528"), ("厦门", "福建", "0592", "361"),
    ("泉州", "福建", "0595", "362"), ("青岛", "山东", "0532", "266"), ("烟台", "山东", "0535", "264"),
    ("济南", "山东", "0531", "250"), ("天津", "天津", "022", "300"), ("北京", "北京", "010", "100"),
    ("大连", "辽宁", "0411", "116"), ("沈阳", "辽宁", "024", "110"), ("长春", "吉林", "0431", "130"),
    ("武汉", "湖北", "027", "430"), ("长沙", "湖南", "0731", "410"), ("成都", "四川", "028", "610"),
    ("重庆", "重庆", "023", "400"), ("西安", "陕西", "029", "710"), ("郑州", "河南", "0371", "450"),
    ("合肥", "安徽", "0551", "230"), ("芜湖", "安徽", "0553", "241"),
]  # fmt: skip
DISTRICTS = ["高新", "工业园", "经济开发", "新城", "滨江", "城东", "城西", "临港"]
ROADS = ["长江", "黄河", "人民", "建设", "解放", "科技", "创业", "新华", "金鸡湖", "珠江"]
# country (region of foreign customers), phone prefix
COUNTRIES = [
    ("Germany", "+49"), ("USA", "+1"), ("Japan", "+81"), ("Korea", "+82"), ("Mexico", "+52"),
    ("Thailand", "+66"), ("Italy", "+39"), ("France", "+33"), ("Czechia", "+420"),
]  # fmt: skip
BANKS = ["中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "招商银行", "交通银行"]

# --- company names -----------------------------------------------------------------------

BRAND_1 = list("恒华盛鑫宏泰新瑞丰隆信诚安德宇天海金精通联伟明光东博永正嘉中兴昌祥荣富达汇远")
BRAND_2 = list("达源科盛美通利宝力发泰辉捷锐普创成峰意禾川华业兴康威特腾嘉顺和欣越晟")
TRADES = [
    "精密机械", "汽车零部件", "电子科技", "模具", "五金制品", "塑胶制品", "电器", "自动化设备",
    "新材料", "橡胶制品", "电机", "轴承", "液压件", "铸造", "冲压件", "光电", "包装材料",
    "化工", "医疗器械", "仪器仪表", "线缆", "紧固件", "齿轮", "热处理", "表面处理",
]  # fmt: skip
INDUSTRIES = {
    "精密机械": "机械", "汽车零部件": "汽车", "电子科技": "电子", "模具": "模具", "五金制品": "五金",
    "塑胶制品": "塑料", "电器": "家电", "自动化设备": "装备", "新材料": "材料", "橡胶制品": "橡胶",
    "电机": "电机", "轴承": "机械", "液压件": "液压", "铸造": "铸造", "冲压件": "汽车",
    "光电": "电子", "包装材料": "包装", "化工": "化工", "医疗器械": "医疗", "仪器仪表": "仪器",
    "线缆": "电气", "紧固件": "五金", "齿轮": "机械", "热处理": "机械", "表面处理": "机械",
}  # fmt: skip
LEGAL_FORMS = ["有限公司", "股份有限公司", "制造有限公司"]

EN_FIRST = [
    "Apex",
    "Summit",
    "Pioneer",
    "Horizon",
    "Atlas",
    "Vertex",
    "Zenith",
    "Nova",
    "Orion",
    "Delta",
    "Sierra",
    "Falcon",
    "Eagle",
    "Titan",
    "Crown",
    "Liberty",
    "Harbor",
    "Northern",
    "Pacific",
    "Atlantic",
    "Golden",
    "Silver",
    "Blue",
    "Prime",
    "Global",
    "United",
    "Allied",
    "Keystone",
    "Pinnacle",
    "Granite",
    "Cedar",
    "Meridian",
    "Stellar",
    "Quantum",
    "Superior",
    "Dynamic",
    "Royal",
    "Alpine",
    "Coastal",
    "Lakeside",
]
EN_SECOND = [
    "Precision",
    "Advanced",
    "Industrial",
    "International",
    "Automotive",
    "Integrated",
    "Applied",
    "Modern",
    "Continental",
    "Technical",
    "Standard",
    "Universal",
    "Metro",
    "Consolidated",
    "General",
    "Premier",
    "Specialty",
    "Innovative",
    "Reliable",
    "Certified",
]
EN_TRADES = [
    "Components",
    "Parts",
    "Metals",
    "Plastics",
    "Electric",
    "Electronics",
    "Tooling",
    "Machinery",
    "Engineering",
    "Fluid",
    "Power",
    "Drives",
    "Steel",
    "Castings",
    "Forgings",
    "Moldings",
    "Sensors",
    "Controls",
    "Bearings",
    "Gears",
    "Wire",
    "Cables",
    "Coatings",
    "Optics",
    "Devices",
    "Systems",
    "Fasteners",
    "Springs",
    "Valves",
    "Pumps",
]
EN_INDUSTRY = [
    "Automotive",
    "Electronics",
    "Machinery",
    "Appliances",
    "Medical",
    "Energy",
    "Aerospace",
    "Rail",
]
EN_FORMS = ["Ltd.", "Inc.", "GmbH", "Co., Ltd.", "LLC", "S.A. de C.V.", "Corp.", "AG"]

FAMILY = list("王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰飞鹏斌宇浩凯")
EN_GIVEN = [
    "John",
    "Mary",
    "Peter",
    "Anna",
    "Thomas",
    "Laura",
    "Michael",
    "Sarah",
    "Daniel",
    "Julia",
    "Mark",
    "Emma",
]
EN_FAMILY = [
    "Smith",
    "Müller",
    "Johnson",
    "Tanaka",
    "Kim",
    "Garcia",
    "Rossi",
    "Weber",
    "Brown",
    "Martin",
]
TITLES = ["采购经理", "采购员", "质量经理", "SQE", "总经理", "财务", "Purchasing Manager", "SQE"]


def _scatter(number, size):
    """Map 0…size-1 onto itself in a scattered order, so neighbours get unrelated names."""
    # A step of about size/φ, coprime with size, reaches every slot and spreads all the digits.
    stride = max(1, int(size * 0.6180339887))
    while math.gcd(stride, size) != 1:
        stride += 1
    return (number * stride) % size


def _digits(number, *sizes):
    """Split a number into mixed-radix digits, one per part list."""
    digits = []
    for size in sizes:
        number, digit = divmod(number, size)
        digits.append(digit)
    return digits


def chinese_company(number):
    """Return (name, short name, trade, city row) for the number-th Chinese company."""
    sizes = (len(CITIES), len(BRAND_1), len(BRAND_2), len(TRADES), len(LEGAL_FORMS))
    space = math.prod(sizes)
    city, b1, b2, trade, form = _digits(_scatter(number % space, space), *sizes)
    brand = BRAND_1[b1] + BRAND_2[b2]
    name = f"{CITIES[city][0]}{brand}{TRADES[trade]}{LEGAL_FORMS[form]}"
    if number >= space:  # a second plant of an existing name: still unique
        name += f"（{number // space + 1}厂）"
    return name, brand, TRADES[trade], CITIES[city]


def english_company(number):
    """Return (name, short name, industry, country row) for the number-th foreign company."""
    sizes = (len(EN_FIRST), len(EN_SECOND), len(EN_TRADES), len(EN_FORMS))
    space = math.prod(sizes)
    first, second, trade, form = _digits(_scatter(number % space, space), *sizes)
    name = f"{EN_FIRST[first]} {EN_SECOND[second]} {EN_TRADES[trade]} {EN_FORMS[form]}"
    if number >= space:
        name += f" No. {number // space + 1}"
    country = COUNTRIES[(first + trade) % len(COUNTRIES)]
    return name, EN_FIRST[first], EN_INDUSTRY[(second + trade) % len(EN_INDUSTRY)], country


def person(rng, english=False):
    """Return a random person's name."""
    if english:
        return f"{rng.choice(EN_GIVEN)} {rng.choice(EN_FAMILY)}"
    return (
        rng.choice(FAMILY) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    )


def weighted(rng, options):
    """Pick a key of ``options`` ({value: weight})."""
    return rng.choices(list(options), weights=list(options.values()))[0]


def moment_in_last_years(rng, years, now=None):
    """Return an aware time spread evenly over the last ``years`` years."""
    now = now or timezone.now()
    return now - dt.timedelta(seconds=rng.uniform(0, years * 365 * 86400))


def seeded(seed):
    return random.Random(seed)


def in_batches(items, size):
    """Yield lists of at most ``size`` items from any iterable."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# Values of these kinds go to the database as they are; everything else (dates, encrypted text,
# decimals …) goes through its field's conversion.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def insert_rows(model, rows):
    """INSERT rows ({attname: value}, missing fields get their default) with one executemany.

    Several times faster than bulk_create for 100,000s of rows: no model instances, and one
    statement prepared once. Values that need it go through their field's own conversion (so
    encrypted fields are encrypted and datetimes adapted) exactly as a save would. No signals,
    no audit entries: generated data has no history.
    """
    database = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the per-call proxy
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = database.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    columns = [
        (
            f.attname,
            f.get_default(),
            None
            if isinstance(f, _PLAIN_FIELDS) and not getattr(f, "sensitive", False)
            else f.get_db_prep_save,
        )
        for f in fields
    ]
    values = [
        [
            convert(row.get(name, default), database) if convert else row.get(name, default)
            for name, default, convert in columns
        ]
        for row in rows
    ]
    with database.cursor() as cursor:
        cursor.executemany(sql, values)


def settle():
    """Fold SQLite's write-ahead log into the database after a bulk load.

    Until the next checkpoint, readers look pages up in a WAL of 100+ MB: slower, and its index
    counts in every reader's memory (a child process measuring peak memory included).
    """
    database = connections[DEFAULT_DB_ALIAS]
    if database.vendor == "sqlite" and not database.in_atomic_block:
        with database.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
