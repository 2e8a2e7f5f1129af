"""Structured scenario authoring (trainers): one page per part, rows added, removed and reordered.

Each save writes the part into a copy of the current version's JSON (``parts.apply_part``) and
goes through ``scenarios.save_scenario``, like an import: the whole scenario is validated, a
changed scenario becomes a new version, and every problem is shown next to the field it is
about (the JSON path of the validator's issue mapped back by ``parts.locate``). Adding a row is
a plain submit button, so the pages work without JavaScript.
"""

import copy

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import abort_with
from training.core.messages import Issue
from training.core.security import AUTHORS, allow
from training.core.time import local_today, utcnow
from training.courses.services import legal
from training.extensions import db
from training.simulations import part_views, parts
from training.simulations.loaders import load_scenario_for_author
from training.simulations.part_forms import FORMS, MAX_ROWS, NewScenarioForm
from training.simulations.services import scenarios
from training.simulations.skeleton import SKELETON

bp = Blueprint("sim_parts", __name__, url_prefix="/manage/scenarios", template_folder="../templates")


@bp.route("/new", methods=["GET", "POST"])
@allow(AUTHORS)
def new():
    """Start a scenario from the skeleton (every part once, valid as it is) with its title and address."""
    form = NewScenarioForm()
    if form.validate_on_submit():
        if scenarios.db_scenario_by_slug(form.slug.data) is not None:
            form.slug.errors.append(_("A scenario with this address already exists."))
        else:
            data = {**copy.deepcopy(SKELETON), "title": form.title.data, "slug": form.slug.data}
            record, _version, _created = scenarios.save_scenario(current_user, data, utcnow(),
                                                                 _("Started from the skeleton"))
            db.session.commit()
            flash(_("The scenario was created from the skeleton; replace each part with your own content."),
                  "success")
            return redirect(url_for("sim_parts.edit", scenario_id=record.id, part="brief"))
    return render_template("simulations/manage/new.html", form=form), 400 if form.is_submitted() else 200


@bp.route("/<int:scenario_id>/parts/<part>", methods=["GET", "POST"])
@allow(AUTHORS)
def edit(scenario_id, part):
    record = load_scenario_for_author(current_user, scenario_id)
    spec = parts.part(part)
    if spec is None:
        abort_with(404)
    data = scenarios.current_version(record).data
    form = FORMS[part]()
    general, list_errors, status = [], {}, 200
    if request.method == "GET":
        _fill(form, spec, parts.part_values(data, spec))
        form.base_version.data = str(record.current_version)
    elif request.form.get("add") in {row_list.name for row_list in spec.lists} and form.validate_on_submit():
        rows = getattr(form, request.form["add"])
        if len(rows.entries) < MAX_ROWS:
            rows.append_entry()
    elif not form.validate_on_submit():
        status = 400
    elif form.base_version.data != str(record.current_version):
        general, status = [_("Someone saved this scenario while you were editing it; reload the page to see "
                             "version %(n)s, then make your change again.", n=record.current_version)], 409
    else:
        values, order = _values(form, spec)
        try:
            record, _version, created = scenarios.save_scenario(current_user, parts.apply_part(data, spec, values),
                                                                utcnow(), form.note.data or "")
        except scenarios.ScenarioInvalid as error:
            db.session.rollback()
            general, list_errors = _show_issues(form, spec, parts.apply_part(data, spec, values), order,
                                                error.issues)
            status = 400
        else:
            db.session.commit()
            flash(_("The scenario was saved as version %(n)s.", n=record.current_version) if created
                  else _("Nothing changed: the scenario is the same as its current version."), "success")
            return redirect(url_for("sim_parts.edit", scenario_id=record.id, part=part))
    _choices(form, spec, data)
    rubric = part == "rubric"
    return render_template("simulations/manage/part.html", form=form, record=record, spec=spec, parts=parts.PARTS,
                           general=general, list_errors=list_errors, failed=status >= 400,
                           common_flags=part_views.common_red_flags() if rubric else (),
                           replaces_flags=rubric and parts.list_path(spec.lists[1], data) != spec.lists[1].path), status


def _fill(form, spec, values):
    for f in spec.fields:
        getattr(form, f.name).data = values["fields"][f.name]
    for row_list in spec.lists:
        field_list = getattr(form, row_list.name)
        for position, row in enumerate(values["lists"][row_list.name], start=1):
            entry = field_list.append_entry()
            for f in row_list.fields:
                entry.form[f.name].data = row[f.name]
            entry.form.origin.data = "" if row["origin"] is None else str(row["origin"])
            entry.form.position.data = str(position)


def _values(form, spec):
    """Return the submitted values for ``parts.apply_part`` and, per list, the form entry of each new index."""
    values = {"fields": {f.name: getattr(form, f.name).data for f in spec.fields}, "lists": {}}
    order = {}
    for row_list in spec.lists:
        kept = [(index, entry) for index, entry in enumerate(getattr(form, row_list.name).entries)
                if not entry.form.remove.data]
        kept.sort(key=lambda pair: (_int(pair[1].form.position.data, pair[0] + 1), pair[0]))
        values["lists"][row_list.name] = [
            dict({f.name: entry.form[f.name].data for f in row_list.fields},
                 origin=_int(entry.form.origin.data, None)) for _index, entry in kept]
        order[row_list.name] = [entry for _index, entry in kept]
    return values, order


def _show_issues(form, spec, data, order, issues):
    """Attach each issue to its field (its label replacing the JSON path).

    :return: ``(issues about other parts, {list name: issues about the whole list})`` as text.
    """
    general, lists = [], {}
    for issue in issues:
        where = parts.locate(spec, data, issue.column or "")
        target = None
        if where and where[0] == "list":
            lists.setdefault(where[1], []).append(issue.text(_))
            continue
        if where and where[0] == "field":
            target = getattr(form, where[1])
        elif where and where[0] == "row" and where[2] < len(order[where[1]]):
            entry = order[where[1]][where[2]]
            target = entry.form[where[3]] if where[3] else entry.form.id
        if target is None:
            general.append(issue.text(_))
            continue
        label = Issue(issue.message, params={**issue.params, "path": target.label.text})
        target.errors = [*target.errors, label.text(_)]
    return general, lists


def _choices(form, spec, data):
    """Offer the scenario's own ids, the allowed values and the register's documents in the selects."""
    choice_sets = part_views.part_choices(data, _documents())
    for row_list in spec.lists:
        for entry in getattr(form, row_list.name).entries:
            for name, field in entry.form._fields.items():
                options = choice_sets.get(f"{row_list.name}.{name}") or choice_sets.get(name)
                if field.type == "SelectField" and options is not None:
                    if field.data and field.data not in {value for value, _label in options}:
                        options = [*options, (field.data, field.data)]
                    field.choices = options


def _documents():
    today = local_today(utcnow(), current_app.config["TIMEZONE"])
    return [(d.code, d.label + (" — " + _("superseded") if d.is_superseded(today) else ""))
            for d in legal.all_documents()]


def _int(value, default):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default
