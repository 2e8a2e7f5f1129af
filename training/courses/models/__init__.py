"""Course models, one module per aggregate."""

from training.courses.models.course import Course, CourseStatus, Item, Lesson, LessonMedia, Module
from training.courses.models.enrolment import Enrollment, EnrollmentRequest, EnrollmentStatus, TrainingClass
from training.courses.models.legal import LegalCitation, LegalDocument
from training.courses.models.progress import ItemResult

__all__ = [
    "Course", "CourseStatus", "Item", "Lesson", "LessonMedia", "Module", "Enrollment", "EnrollmentRequest",
    "EnrollmentStatus", "TrainingClass", "LegalCitation", "LegalDocument", "ItemResult",
]
