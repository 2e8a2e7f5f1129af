"""Column types that keep the database honest: UTC datetimes and NFC text.

SQLite stores no timezone and PostgreSQL converts on the session timezone; storing naive
UTC and returning aware UTC gives the same values on both.
"""

import json

from sqlalchemy import DateTime, String, Text
from sqlalchemy.types import TypeDecorator

from training.core.text import nfc
from training.core.time import UTC, as_utc


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as naive UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return as_utc(value)


class NFCString(TypeDecorator):
    """A VARCHAR whose values are normalised to NFC on the way in."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return nfc(value) if isinstance(value, str) else value


class NFCText(TypeDecorator):
    """A TEXT whose values are normalised to NFC on the way in."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return nfc(value) if isinstance(value, str) else value


class JSONText(TypeDecorator):
    """JSON stored as NFC text with sorted keys, identical on SQLite and PostgreSQL.

    Sorted keys make stored documents (report snapshots, certificate parameters) byte-stable,
    which their sha256 fingerprints rely on.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return nfc(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return json.loads(value)
