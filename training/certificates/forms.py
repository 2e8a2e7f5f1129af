"""Forms of the certificate pages: settings, revocation, approval, refresher, bulk issue."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from training.certificates.serials import DEFAULT_PATTERN
from training.core.forms import DateVNField, clean_text


class SettingsForm(FlaskForm):
    mode = RadioField(_l("How certificates are issued"), choices=[
        SelectChoice("auto", _l("Automatically, as soon as a learner completes the course")),
        SelectChoice("approval", _l("After an administrator approves each completion")),
        SelectChoice("none", _l("This course gives no certificate"))], default="approval")
    valid_months = IntegerField(_l("Valid for (months)"), validators=[Optional(), NumberRange(1, 240)],
                                description=_l("Empty: the certificate does not expire."))
    serial_pattern = StringField(_l("Serial pattern"), default=DEFAULT_PATTERN,
                                 validators=[DataRequired(_l("Enter the serial pattern.")), Length(max=60)],
                                 description=_l("{year} is the year of issue, {seq:06d} the running number with six "
                                                "digits: GCN-{year}-{seq:06d} gives GCN-2026-000123."))
    issuer_unit_id = SelectField(_l("Issuing unit"), coerce=int)
    header_lines = TextAreaField(_l("Header at the top left (one line per line)"),
                                 validators=[Optional(), Length(max=500)],
                                 description=_l("Empty: the issuing unit's parent and its own name, in capitals."))
    place = StringField(_l("Place of the date line"), validators=[Optional(), Length(max=100)], filters=[clean_text],
                        render_kw={"placeholder": "Vũng Tàu"})
    signer_name = StringField(_l("Signer's name"), validators=[Optional(), Length(max=200)], filters=[clean_text])
    signer_title = TextAreaField(_l("Signer's title (one line per line)"), validators=[Optional(), Length(max=255)],
                                 render_kw={"placeholder": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "rows": 3})
    signature = FileField(_l("Signature image (PNG or JPEG)"))
    seal = FileField(_l("Seal image (PNG or JPEG, transparent background)"))
    remove_signature = BooleanField(_l("Remove the signature image"))
    remove_seal = BooleanField(_l("Remove the seal image"))
    refresher_course_id = SelectField(_l("Refresher course"), coerce=int,
                                      description=_l("Holders complete this course when the law changes."))
    row_version = HiddenField()


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason (shown publicly)"),
                           validators=[DataRequired(_l("Give the reason.")), Length(min=5, max=1000)],
                           render_kw={"rows": 3})


class DeclineForm(FlaskForm):
    note = TextAreaField(_l("Reason for declining"), validators=[DataRequired(_l("Give the reason.")),
                                                                Length(min=5, max=1000)], render_kw={"rows": 2})


class RefresherForm(FlaskForm):
    refresher_course_id = SelectField(_l("Refresher course"), coerce=int)
    reason = TextAreaField(_l("Reason (shown publicly)"), validators=[DataRequired(_l("Give the reason.")),
                                                                      Length(min=5, max=1000)],
                           render_kw={"rows": 3, "placeholder": "Luật Báo chí 2025 thay thế Luật Báo chí 2016"})
    scope = RadioField(_l("Which certificates"), choices=[
        SelectChoice("older", _l("Those issued for an earlier version of the course")),
        SelectChoice("all", _l("Every valid certificate of the course"))], default="older")
    due_on = DateVNField(_l("Complete the refresher by (dd/mm/yyyy)"), validators=[Optional()])


class BulkForm(FlaskForm):
    course_id = SelectField(_l("Course"), coerce=int)
    class_id = SelectField(_l("Training class"), coerce=int)
    unit_id = SelectField(_l("Unit"), coerce=int)
    include_subunits = BooleanField(_l("Include its sub-units"), default=True)


class IssueOneForm(FlaskForm):
    enrollment_id = IntegerField(validators=[DataRequired()])
