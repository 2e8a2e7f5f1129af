"""Shared kernel: base types, errors, access control, audit log, text and time helpers.

``core`` imports no feature package; features import ``core``.
"""
