"""Forms for logging in, passwords and managing people."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from training.core.forms import DateVNField, as_choices, clean_text

LANGUAGE_CHOICES = as_choices([("vi", "Tiếng Việt"), ("en", "English")])


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)],
                       filters=[clean_text], render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a new password.")), Length(max=256)],
                                 render_kw={"autocomplete": "new-password"},
                                 description=_l("At least 8 characters. A short sentence is easy to remember and hard to guess."))
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(_l("Repeat the new password.")),
                                        EqualTo("new_password", _l("The two new passwords are not the same."))],
                            render_kw={"autocomplete": "new-password"})


class ProfileForm(FlaskForm):
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)


class UserForm(FlaskForm):
    """Create or edit a person. Choices for unit, role and scope are filled by the route."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Enter the e-mail address.")), Length(max=254)],
                       filters=[clean_text])
    full_name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter the full name.")), Length(max=200)],
                            filters=[clean_text])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200)], filters=[clean_text])
    unit_id = SelectField(_l("Unit"), coerce=int, validate_choice=True)
    role = SelectField(_l("Role"))
    scope_unit_id = SelectField(_l("Administers (for administrators)"), coerce=int,
                                description=_l("Leave at \"Whole city\" for a city-wide administrator."))
    is_spokesperson = BooleanField(_l("Designated spokesperson"))
    spokesperson_decision = StringField(_l("Designation decision number"), validators=[Optional(), Length(max=64)],
                                        filters=[clean_text], render_kw={"placeholder": "125/QĐ-UBND"})
    designated_on = DateVNField(_l("Designated on (dd/mm/yyyy)"), validators=[Optional()])
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)

    def to_data(self):
        """Return the submitted values the service understands (nothing else is taken)."""
        return {
            "email": self.email.data, "full_name": self.full_name.data, "position": self.position.data or "",
            "unit_id": self.unit_id.data, "role": self.role.data,
            "scope_unit_id": self.scope_unit_id.data or None,
            "is_spokesperson": bool(self.is_spokesperson.data),
            "spokesperson_decision": self.spokesperson_decision.data or "",
            "designated_on": self.designated_on.data, "locale": self.locale.data,
        }


class TemporaryPasswordForm(FlaskForm):
    password = PasswordField(_l("Temporary password"), validators=[DataRequired(_l("Enter a password.")), Length(max=256)],
                             render_kw={"autocomplete": "new-password"},
                             description=_l("The person must change it at their next login."))


class ActionForm(FlaskForm):
    """An empty form: a button that POSTs with a CSRF token."""
