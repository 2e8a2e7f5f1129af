"""Small spec builders shared by the quiz tests (plain functions, no app)."""

from decimal import Decimal

from training.quizzes.spec import Choice, MatchPair, QuestionSpec

D = Decimal


def single(*fractions, **fields):
    """Return a single-choice spec whose choices are "A", "B", ... with ``fractions``."""
    choices = [Choice(chr(65 + i), D(str(f)), f"fb {chr(65 + i)}") for i, f in enumerate(fractions or (1, 0, 0))]
    return QuestionSpec(**{"qtype": "single", "name": "S", "text": "Chọn một", "choices": choices, **fields})


def multiple(*fractions, **fields):
    choices = [Choice(chr(65 + i), D(str(f)), f"fb {chr(65 + i)}") for i, f in enumerate(fractions)]
    return QuestionSpec(**{"qtype": "multiple", "name": "M", "text": "Chọn nhiều", "choices": choices, **fields})


def truefalse(correct=True, **fields):
    choices = [Choice("true", D(int(correct)), "fb đúng"), Choice("false", D(int(not correct)), "fb sai")]
    return QuestionSpec(**{"qtype": "truefalse", "name": "TF", "text": "Đúng hay sai?", "choices": choices, **fields})


def shortanswer(*answers, settings=None, **fields):
    choices = [Choice(text, D(str(fraction)), f"fb {text}") for text, fraction in answers]
    return QuestionSpec(**{"qtype": "shortanswer", "name": "SA", "text": "Gõ câu trả lời", "choices": choices,
                           "settings": settings, **fields})


def numerical(*answers, **fields):
    """``answers``: ``(text, fraction, tolerance)``; ``tolerance`` None for "*"."""
    choices = [Choice(text, D(str(fraction)), f"fb {text}", tolerance=None if tol is None else D(str(tol)))
               for text, fraction, tol in answers]
    return QuestionSpec(**{"qtype": "numerical", "name": "N", "text": "Bao nhiêu?", "choices": choices, **fields})


def matching(*pairs, **fields):
    return QuestionSpec(**{"qtype": "matching", "name": "MA", "text": "Ghép", "pairs": [MatchPair(p, a) for p, a in pairs],
                           **fields})


def ordering(*items, settings=None, **fields):
    return QuestionSpec(**{"qtype": "ordering", "name": "O", "text": "Sắp xếp", "items": items, "settings": settings,
                           **fields})


def essay(**fields):
    return QuestionSpec(**{"qtype": "essay", "name": "E", "text": "Trình bày", **fields})
