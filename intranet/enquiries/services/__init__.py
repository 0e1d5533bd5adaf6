"""The enquiry log's rules, without HTTP: who sees and changes what (``access``), logging
and changing entries (``log``), outreach visits (``outreach``) and service gaps (``gaps``).
Counting for reports is in ``intranet.enquiries.counting`` and ``insights``."""
