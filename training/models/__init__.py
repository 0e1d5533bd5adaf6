from .pages import TOPIC_AREAS, ModuleMaterial, TopicArea, TrainingModulePage, TrainingProgrammePage
from .records import (
    Attendance,
    Booking,
    CalendarToken,
    Certificate,
    SelfStudyCompletion,
    TopicRequest,
    TrainingSession,
)

__all__ = [
    "TOPIC_AREAS",
    "Attendance",
    "Booking",
    "CalendarToken",
    "Certificate",
    "ModuleMaterial",
    "SelfStudyCompletion",
    "TopicArea",
    "TopicRequest",
    "TrainingModulePage",
    "TrainingProgrammePage",
    "TrainingSession",
]
