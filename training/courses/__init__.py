"""Courses: authoring, enrolment by unit and training class, learning with progress, completion, legal references."""
