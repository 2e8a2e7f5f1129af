"""Unit tree pages as an administrator uses them."""

import io

from tests.paths import fixture
from training.extensions import db
from training.orgunits.services import get_unit_by_code


def test_tree_lists_units_with_people_counts(login_as, world):
    page = login_as("admin").get("/admin/units/").get_data(as_text=True)
    assert "Phòng Văn hóa và Thông tin" in page and "PVHTT" in page


def test_scoped_admin_sees_only_their_subtree(login_as, world):
    page = login_as("scoped_admin").get("/admin/units/").get_data(as_text=True)
    assert "<code>P1</code>" in page and "<code>P2</code>" not in page and "<code>BTG</code>" not in page


def test_create_rename_and_move(login_as, world):
    client = login_as("admin")
    ubnd = world["units"]["UBND"]
    response = client.post("/admin/units/new", data={"code": "ptt", "name": "Phường Thắng Tam", "kind": "ward",
                                                     "parent_id": ubnd.id})
    assert response.status_code == 302
    unit = get_unit_by_code("PTT")
    assert unit.parent_id == ubnd.id
    response = client.post(f"/admin/units/{unit.id}/edit", data={"code": "PTT", "name": "Phường Thắng Tam (mới)",
                                                                 "kind": "ward", "parent_id": world["units"]["TU"].id})
    assert response.status_code == 302
    db.session.expire_all()
    unit = get_unit_by_code("PTT")
    assert unit.name == "Phường Thắng Tam (mới)" and unit.parent_id == world["units"]["TU"].id


def test_invalid_code_is_explained(login_as, world):
    response = login_as("admin").post("/admin/units/new", data={"code": "X Y", "name": "Sai", "kind": "ward",
                                                               "parent_id": 0})
    assert response.status_code == 400 and "Mã chỉ gồm chữ A-Z" in response.get_data(as_text=True)


def test_scoped_admin_cannot_create_a_top_level_unit(login_as, world):
    response = login_as("scoped_admin").post("/admin/units/new", data={"code": "KP1", "name": "Khu phố 1",
                                                                      "kind": "other", "parent_id": 0})
    assert response.status_code == 400 and get_unit_by_code("KP1") is None


def test_scoped_admin_can_add_inside_their_ward(login_as, world):
    response = login_as("scoped_admin").post("/admin/units/new", data={"code": "KP1", "name": "Khu phố 1",
                                                                      "kind": "other", "parent_id": world["units"]["P1"].id})
    assert response.status_code == 302 and get_unit_by_code("KP1").path.startswith(world["units"]["P1"].path)


def test_import_preview_then_confirm(login_as, world):
    client = login_as("admin")
    data = fixture("roster", "units-sample.csv").read_bytes()
    response = client.post("/admin/units/import", data={"file": (io.BytesIO(data), "units-sample.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "Mọi dòng đều hợp lệ" in page and "Xã Long Sơn" in page
    assert get_unit_by_code("XLS") is None  # nothing saved before confirming
    response = client.post(preview_url, data={"action": "import"})
    assert response.status_code == 302
    assert get_unit_by_code("XLS") is not None
    result = client.get(preview_url).get_data(as_text=True)
    assert "Đã nhập lúc" in result
