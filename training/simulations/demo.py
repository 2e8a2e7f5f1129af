"""Demo: the content brief's three press-conference scenarios, as items of courses 2 and 3.

The scenario files are ``training/demo/scenarios/*.json`` (validated by the pure loader);
they are saved through the same service a trainer's import uses. Idempotent: an unchanged
scenario is not versioned again, and a course that already has a simulation module is left alone.
"""

import json
from pathlib import Path

from sqlalchemy import select

from training.accounts.sessions import find_user_by_email
from training.courses.models import Course, Module
from training.courses.services import authoring
from training.extensions import db
from training.simulations.services import items, scenarios

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "demo" / "scenarios"
SCENARIO_SLUGS = ("ca-chet-kenh-bau-sen", "khieu-nai-boi-thuong-gpmb", "tin-don-nuoc-may")
COURSE_SLUGS = ("ky-nang-hop-bao-phong-van", "xu-ly-khung-hoang-cai-chinh")
MODULE_TITLE = "Diễn tập họp báo và xử lý khủng hoảng"
DEMO_TRAINER = "giangvien@demo.vn"


def load_demo_files():
    """Return the decoded demo scenario documents in order."""
    return [json.loads((SCENARIO_DIR / f"{slug}.json").read_text(encoding="utf-8")) for slug in SCENARIO_SLUGS]


def seed_simulations(now):
    """Save the three scenarios and add them to courses 2 and 3 (each in a module of its own)."""
    trainer = find_user_by_email(DEMO_TRAINER)
    records = [scenarios.save_scenario(trainer, data, now, "Kịch bản mẫu (demo)")[0] for data in load_demo_files()]
    for slug in COURSE_SLUGS:
        course = db.session.scalar(select(Course).where(Course.slug == slug))
        if course is None or db.session.scalar(select(Module).where(Module.course_id == course.id,
                                                                    Module.title == MODULE_TITLE)):
            continue
        module = authoring.add_module(trainer, course, MODULE_TITLE, now)
        module.summary = "Họp báo giả định: câu hỏi có giới hạn thời gian, câu hỏi truy vấn, nhận xét tự động và chấm của giảng viên."
        for record in records:
            items.create_simulation(trainer, module, record, f"Diễn tập: {record.title}", now, requires_review=True,
                                    prep_minutes=10, is_required=False, estimated_minutes=30)
    db.session.flush()
    return records

