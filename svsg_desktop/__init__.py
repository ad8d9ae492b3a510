"""svsg — Scalable Video Speaker Grouping: a speaker label on every subtitle line."""

__version__ = "0.1.0"
