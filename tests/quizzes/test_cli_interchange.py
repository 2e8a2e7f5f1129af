"""flask quizzes import / export with Moodle's own fixture files; export then import gives the same questions."""

import json
from dataclasses import replace

from sqlalchemy import func, select

from tests.paths import fixture
from tests.quizzes.factory import quiz_course
from training.extensions import db
from training.quizzes.models import Question
from training.quizzes.services import bank


def _count():
    return db.session.scalar(select(func.count()).select_from(Question))


def _import(runner, name, *extra, file_format="gift", slug="quiz-course"):
    return runner.invoke(args=["quizzes", "import", str(fixture("moodle", name)), "--format", file_format,
                               "--course", slug, *extra])


def test_dry_run_reports_nine_questions_as_moodle_does(app, world, runner):
    quiz_course(world)
    before = _count()
    result = _import(runner, "questions.gift.txt", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["questions"] == 9 and payload["errors"] == []
    assert payload["by_type"] == {"essay": 1, "matching": 1, "single": 1, "multiple": 1, "numerical": 1,
                                  "shortanswer": 1, "truefalse": 3}
    assert _count() == before


def test_import_then_export_then_import_reproduces_the_questions(app, world, runner, tmp_path):
    data = quiz_course(world, specs=[])
    quiz_course(world, specs=[], slug="copy", enrol=())
    assert _import(runner, "questions.gift.txt", "--category", "Moodle").exit_code == 0
    assert _count() == 9
    for file_format, name in (("gift", "out.gift.txt"), ("moodle-xml", "out.xml")):
        target = tmp_path / name
        result = runner.invoke(args=["quizzes", "export", "--course", "quiz-course", "--format", file_format,
                                     "-o", str(target)])
        assert result.exit_code == 0, result.output
        slug = f"copy-{file_format}"
        quiz_course(world, specs=[], slug=slug, enrol=())
        again = runner.invoke(args=["quizzes", "import", str(target), "--format", file_format, "--course", slug])
        assert again.exit_code == 0, again.output
        original = sorted(_plain(s) for s in bank.export_specs(data["course"].id)[0])
        from training.courses.models import Course

        copy = db.session.scalar(select(Course).where(Course.slug == slug))
        assert sorted(_plain(s) for s in bank.export_specs(copy.id)[0]) == original


def _plain(spec):
    return json.dumps(replace(spec, line=None).to_dict(), sort_keys=True, default=str)


def test_broken_files_import_nothing_with_line_numbers(app, world, runner):
    quiz_course(world, specs=[])
    for name, file_format in (("error_invalid_fraction_sum.gift.txt", "gift"),
                              ("questions_encoding_windows-1252.gift.txt", "gift"),
                              ("error_invalid_grades.xml", "moodle-xml")):
        result = _import(runner, name, "--json", file_format=file_format)
        assert result.exit_code == 1, name
        payload = json.loads(result.output)
        assert payload["errors"] and all(error["line"] for error in payload["errors"]), payload
        assert payload["questions"] == 0
        assert _count() == 0


def test_unknown_course_is_one_line(app, runner):
    result = runner.invoke(args=["quizzes", "import", str(fixture("moodle", "questions.gift.txt")), "--format", "gift",
                                 "--course", "nope"])
    assert result.exit_code == 1 and "nope" in result.output


def test_close_overdue_command_submits_with_saved_answers(app, world, runner):
    from datetime import timedelta

    from tests.quizzes.factory import single
    from training.core.time import utcnow
    from training.courses.loaders import enrollment_of
    from training.quizzes.services import attempts

    data = quiz_course(world, specs=[single("A", 1)], time_limit_minutes=5)
    learner = world["people"]["learner"]
    attempt = attempts.start_attempt(learner, data["quiz"], enrollment_of(learner, data["course"].id),
                                     utcnow() - timedelta(minutes=20))
    attempts.save_answer(attempt, 1, 1, 1, utcnow() - timedelta(minutes=18), 60)
    db.session.commit()
    result = runner.invoke(args=["quizzes", "close-overdue"])
    assert result.exit_code == 0 and "1" in result.output
    db.session.refresh(attempt)
    assert attempt.status == "finished" and attempt.total == 1
