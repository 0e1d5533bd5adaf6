from .gaps import ServiceGap, ServiceGapEvent
from .log import EDIT_WINDOW, Enquiry, EnquiryChange, FoldedEnquiryCount
from .outreach import OutreachTopic, OutreachVisit
from .settings import NetworkContact

__all__ = [
    "EDIT_WINDOW",
    "Enquiry",
    "EnquiryChange",
    "FoldedEnquiryCount",
    "NetworkContact",
    "OutreachTopic",
    "OutreachVisit",
    "ServiceGap",
    "ServiceGapEvent",
]
