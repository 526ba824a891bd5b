"""Raw e-mails for the intake tests, built with the standard library."""

import itertools
from email.message import EmailMessage

_serial = itertools.count(1)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def mail(sender="buyer@customer.example", subject="设备报警 E42", body="设备启动时报警，请协助。",
         headers=None, photo=False, message_id=None):  # fmt: skip
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "service@test.local"
    message["Subject"] = subject
    if message_id is not False:
        message["Message-ID"] = message_id or f"<m{next(_serial)}@customer.example>"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if photo:
        message.add_attachment(PNG, maintype="image", subtype="png", filename="alarm.png")
    return message.as_bytes()
