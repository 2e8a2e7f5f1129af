"""Form helpers shared by features: dd/mm/yyyy dates, NFC-cleaned text, upload checks."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, StringField
from wtforms.validators import ValidationError

from training.core.text import clean_line
from training.core.time import format_date, parse_date


class DateVNField(StringField):
    """A date typed as dd/mm/yyyy (the way Vietnamese documents write it)."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_date(self.data) if self.data else ""

    def process_formdata(self, valuelist):
        self.raw_data = valuelist
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        try:
            self.data = parse_date(text)
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter the date as dd/mm/yyyy, for example 15/03/2024.")) from None


def clean_text(value):
    """WTForms filter: NFC, collapsed spaces, trimmed."""
    return clean_line(value) if isinstance(value, str) else value


class UploadForm(FlaskForm):
    """A single required file (CSV or XLSX) for an import preview."""

    file = FileField(_l("File (CSV UTF-8 or XLSX)"), validators=[FileRequired(_l("Choose a file."))])

    def validate_file(self, field):
        name = (field.data.filename or "").lower() if field.data else ""
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError(_l("Only CSV (UTF-8) and XLSX files can be imported."))


class ConfirmImportForm(FlaskForm):
    """Confirm or cancel a previewed import (the buttons carry the choice)."""


def as_choices(pairs):
    """Return ``(value, label)`` pairs as WTForms ``SelectChoice`` objects (tuples are deprecated)."""
    return [SelectChoice(value, str(label)) for value, label in pairs]


def csrf_valid():
    """Return whether the current POST carries a valid CSRF token (for buttons without a form class)."""
    return FlaskForm().validate_on_submit()
