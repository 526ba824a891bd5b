"""Nothing typed is lost on the admission page: one note per decision, kept when refused."""

from csc.core.errors import Conflict
from csc.customers import views
from csc.customers.choices import AdmissionStatus

from .makers import submitted


def page_of(client, admission):
    return client.get(f"/customers/admissions/{admission.pk}/").content.decode()


def test_the_admission_page_offers_one_note_for_the_decision(people, client):
    admission = submitted(people, level="I")
    client.force_login(people.vp)
    assert page_of(client, admission).count('name="note"') == 1


def test_the_note_typed_before_approve_is_the_decision_note(people, client):
    admission = submitted(people, level="I")
    client.force_login(people.vp)
    client.post(f"/customers/admissions/{admission.pk}/approve/", {"note": "资信良好，同意准入"})
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.APPROVED
    assert admission.decision_note == "资信良好，同意准入"


def test_a_refused_step_shows_the_page_again_with_the_note_kept(people, client, monkeypatch):
    def someone_else_changed_it(*args):
        raise Conflict()

    monkeypatch.setitem(views.ADMISSION_STEPS, "approve", someone_else_changed_it)
    admission = submitted(people, level="I")
    client.force_login(people.vp)
    response = client.post(
        f"/customers/admissions/{admission.pk}/approve/", {"note": "请尽快批准，客户在等"}
    )
    assert response.status_code == 409
    assert "请尽快批准，客户在等" in response.content.decode()
