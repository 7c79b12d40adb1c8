"""Errors of reading a report. Short nouns; the message says what was wrong and what to do next."""


class ReportError(Exception):
    """A file could not be read as an annual report."""


class UnreadableReport(ReportError):
    """The bytes are not text in an encoding we can read (binary, truncated, unknown encoding)."""


class NotAReport(ReportError):
    """The text is readable but is not a government information-disclosure annual report."""


class NotAnAgencyName(ReportError):
    """A name given for a report's agency (--agency, an upload caption) is not an agency's name."""
