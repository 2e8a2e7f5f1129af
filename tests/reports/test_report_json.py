"""Stable JSON of the report (pure): same figures, same bytes, same sha256; a lossless round trip."""

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.reports.sample import sample_report
from training.reports.report_json import SCHEMA, from_json_dict, json_bytes, sha256_hex, to_json_dict


def test_the_same_figures_give_the_same_bytes_and_hash():
    first, second = sample_report(), sample_report()
    assert first is not second
    assert json_bytes(first) == json_bytes(second)
    assert sha256_hex(first) == sha256_hex(second) == hashlib.sha256(json_bytes(first)).hexdigest()


def test_different_figures_give_a_different_hash():
    assert sha256_hex(sample_report()) != sha256_hex(sample_report(previous=False))
    assert sha256_hex(sample_report()) != sha256_hex(sample_report(names={"P1": "Phường Một"}))


def test_bytes_are_canonical_json():
    raw = json_bytes(sample_report())
    text = raw.decode("utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert "Thành phố Vũng Tàu" in text  # UTF-8, not \\u escapes
    assert data["schema"] == SCHEMA


def test_shape_decimals_as_strings_dates_iso_and_instants_in_utc():
    data = to_json_dict(sample_report())
    assert data["period"] == "2026-Q4" and data["period_label"] == "Quý IV năm 2026"
    assert data["previous_period"] == "2026-Q3"
    assert data["generated_at"] == "2026-11-26T03:25:00Z" and data["as_of"] == "2026-11-26"
    total = data["total"]
    assert total["spokespersons"] == 20 and total["certified_spokespersons"] == 14 and total["coverage"] == "70.0"
    assert isinstance(total["quiz_score_sum"], str) and total["average_quiz_score"] == "58.1"
    unit = data["units"][0]
    assert set(unit) >= {"code", "name", "path", "depth", "parent_code", "children", "coverage", "people"}
    assert data["units"][1]["parent_code"] == "TU"
    dtn = next(u for u in data["units"] if u["code"] == "DTN")
    assert dtn["coverage"] is None
    assert data["expiring"][0]["expires_on"] == "2026-12-20"
    assert data["overdue"][0]["progress"] == "12.5"
    assert data["trend"][-1] == {"period": "2026-Q4", "label": "Quý IV/2026", "spokespersons": 20,
                                 "certified_spokespersons": 14, "coverage": "70.0"}
    assert data["courses"][1]["simulation_pass_rate"] is None


@pytest.mark.parametrize("kwargs", [{}, {"previous": False, "trend": False}, {"period": "2026-10-01:2026-12-31"},
                                    {"period": "2026-H2"}, {"period": "2026"}])
def test_round_trip_is_lossless(kwargs):
    report = sample_report(**kwargs)
    again = from_json_dict(json.loads(json_bytes(report)))
    assert again == report
    assert again.total == report.total
    assert json_bytes(again) == json_bytes(report)


def test_an_aware_non_utc_instant_is_written_in_utc():
    report = sample_report()
    local = report.generated_at.astimezone(timezone(timedelta(hours=7)))
    from dataclasses import replace

    assert to_json_dict(replace(report, generated_at=local))["generated_at"] == "2026-11-26T03:25:00Z"
    micro = replace(report, generated_at=datetime(2026, 11, 26, 3, 25, 0, 123456, tzinfo=report.generated_at.tzinfo))
    assert from_json_dict(to_json_dict(micro)).generated_at == micro.generated_at


def test_derived_figures_in_the_json_are_recomputed_not_trusted():
    data = to_json_dict(sample_report())
    data["total"]["coverage"] = "100.0"
    data["units"][0]["coverage"] = "1.0"
    report = from_json_dict(data)
    assert report.total.coverage == 70 and report.units[0].coverage == 80


@pytest.mark.parametrize("mutate", [lambda d: d.update(schema="coverage-report/0"), lambda d: d.pop("units"),
                                    lambda d: d["units"][0].pop("people")])
def test_unknown_schema_or_missing_fields_are_refused(mutate):
    data = to_json_dict(sample_report())
    mutate(data)
    with pytest.raises(ValueError):
        from_json_dict(data)
