"""``flask simulations check | import | export`` and the demo step."""

import json

from sqlalchemy import func, select

from tests.simulations.builders import DATA_DIR, minimal
from training.courses.models import Course, Item
from training.extensions import db
from training.simulations.models import ScenarioRecord, ScenarioVersion, Simulation


def test_check_scores_good_answers_high_and_flags_each_problem_of_poor_ones(runner, sim):
    good = runner.invoke(args=["simulations", "check", "ca-chet-kenh-bau-sen", str(DATA_DIR / "ca-chet-good.json")])
    assert good.exit_code == 0, good.output
    result = json.loads(good.output)
    assert result["passed"] and result["score"] >= 90 and result["red_flags"] == 0
    poor = json.loads(runner.invoke(args=["simulations", "check", "ca-chet-kenh-bau-sen",
                                          str(DATA_DIR / "ca-chet-poor.json")]).output)
    assert not poor["passed"]
    kinds = {f["kind"] for f in poor["findings"]}
    assert {"restricted_disclosure", "evasive", "speculation", "unsupported_number", "loaded_words"} <= kinds
    disclosure = next(f for f in poor["findings"] if f["kind"] == "restricted_disclosure")
    assert disclosure["match"] == "Công ty X" and "Điều 38" in disclosure["detail"]


def test_check_refuses_bad_input_with_one_json_error(runner, sim, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": [{"prompt": 42, "text": "x"}]}), encoding="utf-8")
    result = runner.invoke(args=["simulations", "check", "ca-chet-kenh-bau-sen", str(path)])
    assert result.exit_code == 1
    assert "answers[0].prompt" in json.loads(result.output)["error"]
    missing = runner.invoke(args=["simulations", "check", "khong-co", str(path)])
    assert missing.exit_code == 1 and "khong-co" in json.loads(missing.output)["error"]


def test_import_is_all_or_nothing_and_export_round_trips(runner, app, tmp_path):
    bad = minimal()
    bad["follow_ups"][0]["when"]["prompt"] = "f1"  # the follow-up would trigger itself
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["simulations", "import", str(path), "--json"])
    assert result.exit_code == 1 and "follow_ups[0].when.prompt" in result.output
    assert db.session.scalar(select(func.count()).select_from(ScenarioRecord)) == 0
    path.write_text(json.dumps(minimal(), ensure_ascii=False), encoding="utf-8")
    assert json.loads(runner.invoke(args=["simulations", "import", str(path), "--json"]).output) == {
        "slug": "thu-nghiem", "version": 1, "created": True}
    out = tmp_path / "out.json"
    assert runner.invoke(args=["simulations", "export", "thu-nghiem", "-o", str(out)]).exit_code == 0
    again = json.loads(runner.invoke(args=["simulations", "import", str(out), "--json"]).output)
    assert again == {"slug": "thu-nghiem", "version": 1, "created": False}
    broken = tmp_path / "broken.json"
    broken.write_text("{\"slug\": ", encoding="utf-8")
    result = runner.invoke(args=["simulations", "import", str(broken)])
    assert result.exit_code == 1 and "JSON" in result.output


def test_the_demo_loads_three_scenarios_into_courses_2_and_3_once(app):
    from training.core.time import utcnow
    from training.courses.demo import seed_courses
    from training.demo.seed import seed_accounts, seed_units
    from training.simulations.demo import seed_simulations

    now = utcnow()
    seed_units(now)
    seed_accounts("Mật khẩu demo 2026", now)
    seed_courses(now)
    seed_simulations(now)
    seed_simulations(now)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ScenarioVersion)) == 3
    rows = db.session.execute(select(Course.slug, func.count()).join(Item, Item.course_id == Course.id)
                              .join(Simulation, Simulation.item_id == Item.id).group_by(Course.slug)).all()
    assert dict(rows) == {"ky-nang-hop-bao-phong-van": 3, "xu-ly-khung-hoang-cai-chinh": 3}
