"""Mass assignment: fields a form does not offer (role, unit, score...) are ignored or refused.

Every form hands its service an explicit dictionary of the fields it declares (``to_data``), so a
crafted POST with extra names must change nothing beyond what the page offers; where a field is
offered but its value is outside the actor's rights (a scoped admin naming another ward, or the
whole city), the request is refused with 400 and nothing is written.
"""

from sqlalchemy import select

from training.extensions import db


def _reload(user):
    db.session.expire_all()
    return db.session.get(type(user), user.id)


def test_profile_takes_only_the_language(world, login_as):
    learner = world["people"]["learner"]
    before = (learner.role, learner.unit_id, learner.scope_unit_id, learner.email, learner.is_active,
              learner.is_spokesperson)
    client = login_as("learner")
    response = client.post("/account", data={
        "locale": "en", "role": "admin", "unit_id": world["units"]["BTG"].id, "scope_unit_id": "",
        "email": "attacker@test.vn", "is_active": "0", "is_spokesperson": "", "password_hash": "x",
    })
    assert response.status_code == 302
    learner = _reload(learner)
    assert learner.locale == "en"
    assert (learner.role, learner.unit_id, learner.scope_unit_id, learner.email, learner.is_active,
            learner.is_spokesperson) == before


def _edit_form(world, person, **overrides):
    data = {"email": person.email, "full_name": person.full_name, "position": "",
            "unit_id": person.unit_id, "role": person.role, "scope_unit_id": 0, "locale": "vi"}
    data.update(overrides)
    return data


def test_scoped_admin_cannot_promote_to_city_admin(world, login_as):
    person = world["people"]["p1_learner"]
    client = login_as("scoped_admin")
    response = client.post(f"/admin/users/{person.id}/edit",
                           data=_edit_form(world, person, role="admin", scope_unit_id=0))
    assert response.status_code == 400
    person = _reload(person)
    assert (person.role, person.scope_unit_id) == ("learner", None)


def test_scoped_admin_cannot_move_someone_out_of_the_ward(world, login_as):
    person = world["people"]["p1_learner"]
    client = login_as("scoped_admin")
    response = client.post(f"/admin/users/{person.id}/edit",
                           data=_edit_form(world, person, unit_id=world["units"]["P2"].id))
    assert response.status_code == 400
    assert _reload(person).unit_id == world["units"]["P1"].id


def test_scoped_admin_cannot_create_in_another_ward(world, login_as):
    from training.accounts.models import User

    client = login_as("scoped_admin")
    response = client.post("/admin/users/new", data={
        "email": "new.p2@test.vn", "full_name": "Người Mới", "unit_id": world["units"]["P2"].id,
        "role": "learner", "scope_unit_id": 0, "locale": "vi"})
    assert response.status_code == 400
    assert db.session.scalar(select(User).where(User.email == "new.p2@test.vn")) is None


def test_extra_fields_on_create_are_ignored(world, login_as):
    from training.accounts.models import User

    client = login_as("admin")
    response = client.post("/admin/users/new", data={
        "email": "new.p1@test.vn", "full_name": "Người Mới", "unit_id": world["units"]["P1"].id,
        "role": "learner", "scope_unit_id": 0, "locale": "vi",
        "is_active": "0", "must_change_password": "0", "password_hash": "plain", "id": "1"})
    assert response.status_code == 302
    created = db.session.scalar(select(User).where(User.email == "new.p1@test.vn"))
    assert created.id != 1 and created.is_active and created.password_hash != "plain"


def test_lesson_done_ignores_a_posted_score(world, login_as):
    from training.core.time import utcnow
    from training.courses.models import ItemResult
    from training.courses.services import authoring, enrolment

    now, trainer, admin = utcnow(), world["people"]["trainer"], world["people"]["admin"]
    course = authoring.create_course(trainer, {"title": "Khóa", "slug": "khoa"}, now)
    module = authoring.add_module(trainer, course, "Học phần", now)
    item = authoring.add_item(trainer, module, "lesson", "Bài", now)
    authoring.add_item(trainer, module, "lesson", "Bài hai", now)
    authoring.set_status(trainer, course, "published", now)
    enrolment.enrol_people(admin, course, [world["people"]["learner"]], now, "Asia/Ho_Chi_Minh")
    db.session.commit()
    client = login_as("learner")
    response = client.post(f"/courses/lessons/{item.id}/done",
                           data={"score": "100", "passed": "1", "completed_at": "2020-01-01", "source": "quiz"})
    assert response.status_code == 302
    result = db.session.scalar(select(ItemResult).where(ItemResult.item_id == item.id))
    assert result.score is None and result.source == "lesson" and result.completed_at.year == now.year
