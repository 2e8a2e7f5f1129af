"""Forms for the unit tree."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from training.core.forms import clean_text


class UnitForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(_l("Enter a code.")), Length(max=32)], filters=[clean_text],
                       description=_l("Short and unique, e.g. PVHTT. Used in imports and reports."))
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the name.")), Length(max=255)], filters=[clean_text])
    kind = SelectField(_l("Kind"))
    parent_id = SelectField(_l("Parent unit"), coerce=int)
