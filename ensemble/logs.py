"""Logging set-up with a filter that replaces every configured secret by ``***``.

The filter sits on the handlers (not a logger), so it also covers records propagated from
libraries (httpx, openai, faust). Keys are held as SecretStr and never formatted on purpose;
this is the second line of defence.
"""

from __future__ import annotations

import logging
from typing import Iterable


QUIET_LOGGERS = ("httpx", "httpcore", "openai", "anthropic", "aiohttp.access")


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        redacted = message
        for secret in self.secrets:
            redacted = redacted.replace(secret, "***")
        if redacted != message or record.exc_info:
            if record.exc_info:
                text = logging.Formatter().formatException(record.exc_info)
                for secret in self.secrets:
                    text = text.replace(secret, "***")
                redacted = f"{redacted}\n{text}"
                record.exc_info = None
                record.exc_text = None
            record.msg, record.args = redacted, None
        return True


def setup_logging(level: str, secrets: Iterable[str]) -> None:
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in QUIET_LOGGERS:  # one INFO line per HTTP call drowns the worker's own log
        logging.getLogger(noisy).setLevel(logging.WARNING)
    protect_handlers(secrets)


def protect_handlers(secrets: Iterable[str]) -> None:
    """Attach the redaction filter to every root handler (idempotent)."""
    secrets = list(secrets)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets(secrets))
