"""The project's exception tree.

    EnsembleError
    ├── BadRecord            a record that cannot become a valid value; goes to dead-letters
    │   (kind: undecodable, wrong_schema, missing_field, empty_text, too_large, invalid;
    │    the critic adds reused_question_id and processing_error)
    ├── ConfigError          settings that cannot work together
    └── BadInputFile         a file a command was given (cases, knowledge) that it cannot read
"""

from __future__ import annotations


class EnsembleError(Exception):
    """Base of every error this project raises on purpose."""


class BadRecord(EnsembleError):
    """A record that cannot be decoded or validated. ``kind`` is machine-readable."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


class ConfigError(EnsembleError):
    """Settings that cannot work together."""


class BadInputFile(EnsembleError):
    """A file named on the command line (a cases file, a knowledge file) that cannot be read."""
