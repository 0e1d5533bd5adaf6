from .pages import ModuleMaterial, TopicArea, TrainingModulePage, TrainingProgrammePage
from .records import (
    CALENDAR_PURPOSE,
    Attendance,
    Booking,
    Certificate,
    SelfStudyCompletion,
    TopicRequest,
    TrainingSession,
)

__all__ = [
    "Attendance",
    "Booking",
    "CALENDAR_PURPOSE",
    "Certificate",
    "ModuleMaterial",
    "SelfStudyCompletion",
    "TopicArea",
    "TopicRequest",
    "TrainingModulePage",
    "TrainingProgrammePage",
    "TrainingSession",
]
