"""maatmonitor: the Menselijke Maat Monitor, from questionnaire to report to improvement."""

__version__ = "0.1.0"
