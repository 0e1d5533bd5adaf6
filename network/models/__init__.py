from .hours import LISBON, Weekday
from .languages import Language
from .pages import NetworkDirectoryPage, OfficeOpeningHours, SupportOfficePage
from .snippets import (
    PartnerOrganisation,
    ProviderOpeningHours,
    ServiceCategory,
    ServiceProvider,
)

__all__ = [
    "LISBON",
    "Language",
    "NetworkDirectoryPage",
    "OfficeOpeningHours",
    "PartnerOrganisation",
    "ProviderOpeningHours",
    "ServiceCategory",
    "ServiceProvider",
    "SupportOfficePage",
    "Weekday",
]
