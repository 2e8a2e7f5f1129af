"""Organisational units: the tree of Thành ủy, UBND, phòng/ban, phường/xã, Mặt trận, đoàn thể."""
