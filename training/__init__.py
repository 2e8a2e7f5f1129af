"""Spokesperson training platform (nền tảng đào tạo người phát ngôn).

This package's ``__init__`` deliberately imports nothing: pure domain modules such as
``training.quizzes.grading`` must be importable without loading Flask or SQLAlchemy
(see docs/architecture.md). The application factory lives in :mod:`training.app`.
"""


def create_app(test_config=None):
    """Create and configure the Flask application.

    :param test_config: a mapping that replaces ``instance/config.py`` and the
        ``TRAINING_*`` environment (used by the tests).
    :return: the configured :class:`flask.Flask` application.
    """
    from training.app import build_app

    return build_app(test_config)
