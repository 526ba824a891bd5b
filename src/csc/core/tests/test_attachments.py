"""Attachments: the real type is read from the content, the size is capped, downloads are checked."""

import hashlib
import io
import random
import struct
import zlib
from urllib.parse import quote

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from csc.core import actions
from csc.core.errors import Denied, Invalid
from csc.core.models import Attachment
from csc.testing import make_customer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def png_bytes():
    """A real 1×1 PNG image."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def xlsx_bytes():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["客户名称", "信用等级"])
    book.active.append(["上海精密汽配有限公司", "III"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_like_bytes():
    """A zip laid out like a Word document (enough for the content check)."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def customer(people):
    """The customer whose portal user is ``people.contact``."""
    return people.contact.customer_contact.customer


# --- accepted and refused files -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "mime"),
    [
        ("外观照片.png", png_bytes, "image/png"),
        ("检验报告.pdf", pdf_bytes, "application/pdf"),
        ("客户一览表.xlsx", xlsx_bytes, XLSX),
        ("8D报告.docx", docx_like_bytes, DOCX),
        ("说明.txt", "中文说明：批次 2026-10 的检验记录。".encode, "text/plain"),
        ("出货记录.csv", "批号,数量\n2026A,100\n".encode, "text/plain"),
    ],
)
def test_real_files_are_accepted_with_the_type_read_from_their_content(
    people, customer, media_root, name, make, mime
):
    content = make()
    attachment = actions.attach(people.sales, customer, upload(name, content))
    assert attachment.mime_type == mime
    assert attachment.name == name
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
    assert str(media_root) in attachment.file.path
    assert name not in attachment.file.name  # stored under a random name


def test_a_png_renamed_to_pdf_is_refused(people, customer, media_root):
    with pytest.raises(Invalid) as refused:
        actions.attach(people.sales, customer, upload("报告.pdf", png_bytes()))
    assert "image/png" in refused.value.fields["file"][0]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("tool", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
        ("photo.png", random.Random(2026).randbytes(4096)),
    ],
)
def test_programs_and_unknown_binaries_are_refused(people, customer, media_root, name, content):
    with pytest.raises(Invalid) as refused:
        actions.attach(people.sales, customer, upload(name, content))
    assert refused.value.fields["file"]
    assert not Attachment.objects.exists()
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_a_file_over_the_size_limit_is_refused_with_both_sizes(
    people, customer, media_root, settings
):
    settings.CSC = {**settings.CSC, "ATTACHMENT_MAX_BYTES": 2 * 1048576}
    with pytest.raises(Invalid) as refused:
        actions.attach(people.sales, customer, upload("big.pdf", pdf_bytes() + b"0" * 3 * 1048576))
    message = refused.value.fields["file"][0]
    assert "3.1" in message and "2.0" in message
    assert not Attachment.objects.exists()


def test_a_file_just_over_the_limit_does_not_read_as_the_same_size(
    people, customer, media_root, settings
):
    settings.CSC = {**settings.CSC, "ATTACHMENT_MAX_BYTES": 1048576}
    with pytest.raises(Invalid) as refused:
        actions.attach(people.sales, customer, upload("a.txt", b"a" * (1048576 + 1)))
    message = refused.value.fields["file"][0]
    assert "1.1" in message and "1.0" in message


def test_a_file_exactly_at_the_limit_is_accepted(people, customer, media_root, settings):
    settings.CSC = {**settings.CSC, "ATTACHMENT_MAX_BYTES": 4096}
    content = b"a" * 4096
    assert actions.attach(people.sales, customer, upload("a.txt", content)).size == 4096


def test_attaching_needs_the_right_to_change_the_record(people, customer, media_root):
    with pytest.raises(Denied):
        actions.attach(people.quality, customer, upload("检验报告.pdf", pdf_bytes()))
    assert not Attachment.objects.exists()


def test_an_attachment_is_in_the_record_s_history(people, customer, media_root):
    from csc.core import audit

    attachment = actions.attach(people.sales, customer, upload("检验报告.pdf", pdf_bytes()))
    entry = audit.history(attachment).get()
    assert entry.actor == people.sales
    assert entry.changes["name"] == "检验报告.pdf"


# --- upload and download pages ----------------------------------------------------------


def attach_url(record):
    return f"/attachments/{ContentType.objects.get_for_model(record).pk}/{record.pk}/"


def test_sales_uploads_a_file_on_the_customer_page(people, customer, media_root, client):
    client.force_login(people.sales)
    response = client.post(attach_url(customer), {"file": upload("检验报告.pdf", pdf_bytes())})
    assert response.status_code == 302
    assert response["Location"] == customer.get_absolute_url()
    attachment = Attachment.objects.get()
    assert attachment.record == customer
    assert attachment.uploaded_by == people.sales


def test_a_refused_upload_shows_why(people, customer, media_root, client):
    client.force_login(people.sales)
    response = client.post(
        attach_url(customer), {"file": upload("报告.pdf", png_bytes())}, follow=True
    )
    assert response.status_code == 200
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors and "image/png" in errors[0]
    assert not Attachment.objects.exists()


def test_quality_may_not_upload_to_a_customer(people, customer, media_root, client):
    client.force_login(people.quality)
    response = client.post(
        attach_url(customer), {"file": upload("a.pdf", pdf_bytes())}, follow=True
    )
    assert response.status_code == 200
    assert [m for m in response.context["messages"] if m.level_tag == "error"]
    assert not Attachment.objects.exists()


def test_an_outsider_cannot_even_find_the_record_to_upload_to(people, customer, media_root, client):
    client.force_login(people.outsider)
    response = client.post(attach_url(customer), {"file": upload("a.pdf", pdf_bytes())})
    assert response.status_code == 404
    assert not Attachment.objects.exists()


def test_an_upload_to_a_record_that_does_not_exist_is_not_found(people, media_root, client):
    from csc.customers.models import Customer

    client.force_login(people.sales)
    content_type = ContentType.objects.get_for_model(Customer).pk
    for url in (f"/attachments/{content_type}/999999/", f"/attachments/{content_type}/abc/"):
        response = client.post(url, {"file": upload("a.pdf", pdf_bytes())})
        assert response.status_code == 404


def download(client, attachment):
    response = client.get(f"/attachments/{attachment.pk}/")
    if response.status_code != 200:
        return response, None
    # Reading to the end closes the file; the test client's wrapper keeps the DB connection.
    body = b"".join(response.streaming_content)
    return response, body


def test_whoever_sees_the_record_downloads_the_file_under_its_own_name(
    people, customer, media_root, client
):
    attachment = actions.attach(people.sales, customer, upload("检验报告.pdf", pdf_bytes()))
    for user in (people.quality, people.contact):  # contact: a portal user of this customer
        client.force_login(user)
        response, body = download(client, attachment)
        assert response.status_code == 200
        assert body == pdf_bytes()
        assert response["Content-Type"] == "application/pdf"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment")
        assert quote("检验报告.pdf") in disposition


def test_a_contact_of_another_customer_gets_not_found(people, customer, media_root, client):
    other = make_customer(name="客户乙有限公司")
    attachment = actions.attach(people.sales, other, upload("乙的报告.pdf", pdf_bytes()))
    client.force_login(people.contact)
    response, _body = download(client, attachment)
    assert response.status_code == 404


def test_an_outsider_gets_not_found(people, customer, media_root, client):
    attachment = actions.attach(people.sales, customer, upload("检验报告.pdf", pdf_bytes()))
    client.force_login(people.outsider)
    assert download(client, attachment)[0].status_code == 404
    assert client.get("/attachments/999999/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(people, customer, media_root, client):
    attachment = actions.attach(people.sales, customer, upload("检验报告.pdf", pdf_bytes()))
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _inline(client, attachment):
    response = client.get(f"/attachments/{attachment.pk}/?inline=1")
    b"".join(response.streaming_content)
    return response


def test_a_photo_shows_as_a_thumbnail_on_the_record_page(people, customer, media_root, client):
    photo = actions.attach(people.sales, customer, upload("现场照片.png", png_bytes()))
    client.force_login(people.sales)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert f'src="/attachments/{photo.pk}/?inline=1"' in page
    response = _inline(client, photo)
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_opens_in_the_browser_from_its_preview_link(people, customer, media_root, client):
    report = actions.attach(people.sales, customer, upload("检验报告.pdf", pdf_bytes()))
    client.force_login(people.quality)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert f'href="/attachments/{report.pk}/?inline=1"' in page
    assert f'src="/attachments/{report.pk}/?inline=1"' not in page  # a link, not an image
    assert _inline(client, report)["Content-Disposition"].startswith("inline")


def test_other_files_are_always_downloaded_never_shown_inline(people, customer, media_root, client):
    sheet = actions.attach(people.sales, customer, upload("清单.xlsx", xlsx_bytes()))
    client.force_login(people.sales)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert f"/attachments/{sheet.pk}/?inline=1" not in page
    assert _inline(client, sheet)["Content-Disposition"].startswith("attachment")
