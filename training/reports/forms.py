"""Forms of the reports pages: freezing a report and creating an API token (both POST, with CSRF)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class FreezeForm(FlaskForm):
    """Freeze ("chốt số liệu") the report of a period and unit."""

    period = SelectField(_l("Reporting period"), validators=[DataRequired()])
    unit = SelectField(_l("Unit (with its sub-units)"), validators=[Optional()])
    note = TextAreaField(_l("Note (e.g. why this replaces an earlier freeze)"), validators=[Length(max=500)])


class TokenForm(FlaskForm):
    """Create an API token for a system of the Board."""

    name = StringField(_l("Name (which system uses it)"), validators=[DataRequired(), Length(max=120)])
    unit = SelectField(_l("Units it may read"), validators=[Optional()])
