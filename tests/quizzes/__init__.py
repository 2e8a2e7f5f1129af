"""Tests of the quizzes feature; the pure modules are tested without an app."""
