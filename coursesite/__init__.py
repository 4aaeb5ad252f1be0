"""coursesite: turn a course's subtitle files and lab solutions into a searchable study site."""

__version__ = "0.1.0"
