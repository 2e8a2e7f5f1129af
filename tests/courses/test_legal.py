"""The legal register: marking a law superseded lists its citations and warns learners."""

from datetime import date

from sqlalchemy import select

from training.core.audit import AuditEvent
from training.core.time import utcnow
from training.courses.services import legal
from training.courses.signals import legal_document_superseded
from training.extensions import db


def test_pending_replacement_is_flagged_once_the_new_law_is_in_force(legal_docs):
    assert legal.pending_replacements(date(2026, 6, 30)) == []
    pending = legal.pending_replacements(date(2026, 7, 1))
    assert [(old.number, new.number) for old, new in pending] == [("103/2016/QH13", "126/2025/QH15")]


def test_marking_superseded_lists_every_citing_lesson(login_as, course, legal_docs, enrolled):
    received = []
    legal_document_superseded.connect(lambda sender, **kw: received.append(sender.number), weak=False)
    client = login_as("trainer")
    old = legal_docs["old"]
    page = client.get("/manage/legal/").get_data(as_text=True)
    assert "Review" not in page and "Rà soát và đánh dấu hết hiệu lực" in page
    response = client.post(f"/manage/legal/{old.id}/supersede",
                           data={"replacement_id": legal_docs["new"].id, "superseded_on": "01/07/2026"},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "1 trích dẫn cần rà soát" in page and "Hệ thống văn bản" in page and "Điều 38" in page
    assert "103/2016/QH13" in received
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "legal.supersede"))
    assert event.summary == {"number": "103/2016/QH13", "replaced_by": "126/2025/QH15", "from": "2026-07-01"}


def test_learners_see_a_notice_on_lessons_citing_a_superseded_law(app, client, course, legal_docs, enrolled):
    legal.mark_superseded(None, legal_docs["old"], legal_docs["new"], date(2026, 7, 1), utcnow())
    db.session.commit()
    from tests.conftest import PASSWORD

    client.post("/login", data={"email": enrolled.email, "password": PASSWORD})
    outline = client.get("/courses/khung-phap-ly").get_data(as_text=True)
    assert "đã được thay thế bởi Luật Báo chí 2025 (126/2025/QH15) từ 01/07/2026" in outline
    lesson = client.get(f"/courses/lessons/{course['lessons'][0].id}").get_data(as_text=True)
    assert "Bài học này trích dẫn Luật Báo chí 2016 (103/2016/QH13)" in lesson
    untouched = client.get(f"/courses/lessons/{course['lessons'][2].id}").get_data(as_text=True)
    assert "Bài học này trích dẫn" not in untouched


def test_a_future_supersession_does_not_warn_yet(client, course, legal_docs, enrolled):
    legal.mark_superseded(None, legal_docs["old"], legal_docs["new"], date(2099, 1, 1), utcnow())
    db.session.commit()
    from tests.conftest import PASSWORD

    client.post("/login", data={"email": enrolled.email, "password": PASSWORD})
    assert "Bài học này trích dẫn" not in client.get(f"/courses/lessons/{course['lessons'][0].id}").get_data(as_text=True)


def test_a_document_cannot_replace_itself(login_as, legal_docs):
    old = legal_docs["old"]
    response = login_as("trainer").post(f"/manage/legal/{old.id}/supersede",
                                        data={"replacement_id": old.id, "superseded_on": "01/07/2026"},
                                        follow_redirects=True)
    assert "không thể thay thế chính nó" in response.get_data(as_text=True)
    db.session.refresh(old)
    assert old.superseded_on is None


def test_restore_and_edit(login_as, legal_docs):
    client = login_as("trainer")
    old = legal_docs["old"]
    client.post(f"/manage/legal/{old.id}/supersede", data={"replacement_id": 0, "superseded_on": "01/07/2026"})
    client.post(f"/manage/legal/{old.id}/restore")
    db.session.refresh(old)
    assert old.superseded_on is None
    response = client.post("/manage/legal/new", data={"number": "119/2020/NĐ-CP", "title": "Nghị định 119/2020/NĐ-CP",
                                                      "kind": "nghi-dinh", "issued_on": "07/10/2020",
                                                      "effective_on": "01/12/2020", "replaces_id": 0})
    assert response.status_code == 302
