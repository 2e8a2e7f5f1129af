"""Demo units (the same tree as the shared sample) and demo accounts, one per role plus learners."""

UNITS = (
    # code, name, kind, parent code
    ("TU", "Thành ủy Vũng Tàu", "party_committee", ""),
    ("BTG", "Ban Tuyên giáo Thành ủy", "party_board", "TU"),
    ("VPTU", "Văn phòng Thành ủy", "party_board", "TU"),
    ("UBKT", "Ủy ban Kiểm tra Thành ủy", "party_board", "TU"),
    ("UBND", "Ủy ban nhân dân Thành phố", "peoples_committee", ""),
    ("PVHTT", "Phòng Văn hóa và Thông tin", "department", "UBND"),
    ("TTVH", "Trung tâm Văn hóa Thông tin và Thể thao Thành phố", "department", "UBND"),
    ("PTNMT", "Phòng Tài nguyên và Môi trường", "department", "UBND"),
    ("PQLDT", "Phòng Quản lý đô thị", "department", "UBND"),
    ("CATP", "Công an Thành phố", "department", "UBND"),
    ("P1", "Phường 1", "ward", "UBND"),
    ("P2", "Phường 2", "ward", "UBND"),
    ("PTT", "Phường Thắng Tam", "ward", "UBND"),
    ("PNK", "Phường Nguyễn An Ninh", "ward", "UBND"),
    ("XLS", "Xã Long Sơn", "commune", "UBND"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố", "front", ""),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh Thành phố", "mass_org", "MTTQ"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ Thành phố", "mass_org", "MTTQ"),
    ("HND", "Hội Nông dân Thành phố", "mass_org", "MTTQ"),
    ("HCCB", "Hội Cựu chiến binh Thành phố", "mass_org", "MTTQ"),
)

# email, full name, unit, position, role, scope unit, spokesperson decision, designated on (dd/mm/yyyy)
ACCOUNTS = (
    ("quantri@demo.vn", "Trần Quốc Bảo", "BTG", "Chuyên viên Ban Tuyên giáo", "admin", "", "", ""),
    ("quantri.p1@demo.vn", "Nguyễn Thị Thanh Hương", "P1", "Công chức Văn phòng – Thống kê", "admin", "P1", "", ""),
    ("giangvien@demo.vn", "Phạm Văn Đức", "TTVH", "Giảng viên kiêm chức", "trainer", "", "", ""),
    ("bantuyengiao@demo.vn", "Đỗ Thị Phương", "BTG", "Phó Trưởng Ban Tuyên giáo", "board", "", "", ""),
    ("hocvien@demo.vn", "Lê Văn Nam", "PVHTT", "Phó Trưởng phòng", "learner", "", "140/QĐ-UBND", "02/04/2024"),
    ("ngo.thu.trang@demo.vn", "Ngô Thu Trang", "PVHTT", "Chuyên viên", "learner", "", "", ""),
    ("vo.hoang.long@demo.vn", "Võ Hoàng Long", "PTNMT", "Trưởng phòng", "learner", "", "141/QĐ-UBND", "02/04/2024"),
    ("tran.minh.chau@demo.vn", "Trần Minh Châu", "PQLDT", "Phó Trưởng phòng", "learner", "", "142/QĐ-UBND", "02/04/2024"),
    ("huynh.thi.ngoc@demo.vn", "Huỳnh Thị Ngọc", "P1", "Chủ tịch UBND Phường", "learner", "", "143/QĐ-UBND", "05/04/2024"),
    ("le.quang.vinh@demo.vn", "Lê Quang Vinh", "P1", "Phó Chủ tịch UBND Phường", "learner", "", "", ""),
    ("dang.van.khoa@demo.vn", "Đặng Văn Khoa", "P2", "Chủ tịch UBND Phường", "learner", "", "144/QĐ-UBND", "05/04/2024"),
    ("bui.thanh.thuy@demo.vn", "Bùi Thanh Thủy", "PTT", "Chủ tịch UBND Phường", "learner", "", "145/QĐ-UBND", "05/04/2024"),
    ("phan.duc.anh@demo.vn", "Phan Đức Anh", "PNK", "Phó Chủ tịch UBND Phường", "learner", "", "146/QĐ-UBND", "05/04/2024"),
    ("nguyen.thi.hoa@demo.vn", "Nguyễn Thị Hoa", "XLS", "Chủ tịch UBND Xã", "learner", "", "147/QĐ-UBND", "05/04/2024"),
    ("truong.van.hieu@demo.vn", "Trương Văn Hiếu", "CATP", "Trưởng phòng Tham mưu", "learner", "", "148/QĐ-UBND", "08/04/2024"),
    ("ly.minh.tam@demo.vn", "Lý Minh Tâm", "VPTU", "Phó Chánh Văn phòng Thành ủy", "learner", "", "10-QĐ/TU", "10/01/2024"),
    ("chau.thi.yen@demo.vn", "Châu Thị Yến", "MTTQ", "Phó Chủ tịch Ủy ban MTTQ", "learner", "", "11-QĐ/MTTQ", "12/04/2024"),
    ("doan.van.tai@demo.vn", "Đoàn Văn Tài", "DTN", "Phó Bí thư Thành Đoàn", "learner", "", "", ""),
    ("mai.thi.lan.anh@demo.vn", "Mai Thị Lan Anh", "HLHPN", "Phó Chủ tịch Hội", "learner", "", "", ""),
)
