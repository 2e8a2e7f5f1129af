"""Read a response from a question's form fields, and write it back as field values (pure).

The attempt page is a plain HTML form (it works without JavaScript, page by page), and the
autosave script sends the same field values as JSON, so both paths go through
:func:`response_from_fields` and the same strict checks. Field names: ``q{position}`` for the
question's one control, ``q{position}-{index}`` for a matching prompt or an ordering item.
Responses are stored as JSON (:func:`to_json`): sets become sorted lists, mapping keys text.
"""

from training.core.messages import N_
from training.quizzes.grading import check_response
from training.quizzes.question_types import matching_prompts
from training.quizzes.responses import invalid


def field_name(position, index=None):
    """Return the form field name of a question's control (``index``: a prompt or an item)."""
    return f"q{position}" if index is None else f"q{position}-{index}"


def response_from_fields(spec, position, values):
    """Return the checked response of ``spec`` from ``values(name) -> [str]``; ``None`` when untouched.

    :raises InvalidResponse: on anything a real form of this question could not have sent.
    """
    name = field_name(position)
    qtype = spec.qtype
    if qtype in ("single", "truefalse"):
        given = values(name)
        if not given:
            return None
        if len(given) > 1:
            raise invalid(N_("Choose one of the listed options."))
        response = _boolean(given[0]) if qtype == "truefalse" else _index(given[0])
    elif qtype == "multiple":
        response = [_index(value) for value in values(name)]
    elif qtype in ("shortanswer", "numerical", "essay"):
        given = values(name)
        if len(given) > 1:
            raise invalid(N_("Type your answer as text."))
        response = given[0] if given else ""
    elif qtype == "matching":
        response = {}
        for left in range(len(matching_prompts(spec))):
            given = values(field_name(position, left))
            if given and given[0] != "":
                response[left] = _index(given[0])
        if not response:
            return None
    else:  # ordering: each item's place, 1..n
        places = []
        for item in range(len(spec.items)):
            given = values(field_name(position, item))
            if not given:
                return None
            places.append((_index(given[0]), item))
        if sorted(place for place, _item in places) != list(range(1, len(spec.items) + 1)):
            raise invalid(N_("Put every item in exactly one place."))
        response = [item for _place, item in sorted(places)]
    return to_json(check_response(spec, response))


def _index(text):
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or len(text) > 6:
        raise invalid(N_("Choose one of the listed options."))
    return int(text)


def _boolean(text):
    if text not in ("true", "false"):
        raise invalid(N_("Answer true or false."))
    return text == "true"


def to_json(response):
    """Return ``response`` in a JSON-safe, canonical form."""
    if isinstance(response, frozenset | set):
        return sorted(response)
    if isinstance(response, tuple):
        return list(response)
    if isinstance(response, dict):
        return {str(key): value for key, value in sorted(response.items())}
    return response


def field_values(spec, position, response, display_order):
    """Return ``{field name: [values]}`` that show ``response`` in the form (what the page pre-fills)."""
    name = field_name(position)
    if response is None:
        if spec.qtype == "ordering":
            # Unanswered: each item sits where it is shown, so the form always holds an order.
            return {field_name(position, item): [str(place + 1)] for place, item in enumerate(display_order)}
        return {}
    if spec.qtype == "truefalse":
        return {name: ["true" if response else "false"]}
    if spec.qtype == "single":
        return {name: [str(response)]}
    if spec.qtype == "multiple":
        return {name: [str(index) for index in response]}
    if spec.qtype == "matching":
        return {field_name(position, int(left)): [str(right)] for left, right in response.items()}
    if spec.qtype == "ordering":
        return {field_name(position, item): [str(place + 1)] for place, item in enumerate(response)}
    return {name: [str(response)]}
