"""The one refusal every signed-file reader raises: a ``Message`` (code + parameters) plus what
is known to be genuine about the file by then (for the import log)."""

from __future__ import annotations

from typing import Any

from app.domain.messages import Message, Refusal

SHOWN_NAME_CHARS = 80


class PackageRejected(Refusal):
    """A signed file that must not be used. ``reason`` is its one line in Chinese, ``code`` the
    stable word for programs; ``fingerprint`` and ``payload`` are set once the signature is
    known to be valid (the payload is the kind's parsed object, e.g. a SubmissionPayload)."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code, **params)
        self.fingerprint: str | None = None
        self.payload: Any = None

    def knowing(self, fingerprint: str | None, payload: Any = None) -> PackageRejected:
        """The same refusal, with what is known to be genuine about the file (kept)."""
        self.fingerprint = fingerprint or self.fingerprint
        self.payload = payload if payload is not None else self.payload
        return self

    @property
    def reason(self) -> str:
        return self.message.render("zh")

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries intact
        return (_rebuild, (self.message, self.fingerprint, self.payload))


def _rebuild(message: Message, fingerprint: str | None, payload: Any) -> PackageRejected:
    exc = PackageRejected.__new__(PackageRejected)
    Exception.__init__(exc, message.render("zh"))
    exc.message = message
    exc.fingerprint = fingerprint
    exc.payload = payload
    return exc


def shown(text: str) -> str:
    """A name or value from a hostile file, safe inside a one-line reason: at most 80
    characters, every character that is not printable replaced by U+FFFD."""
    cut = text[:SHOWN_NAME_CHARS]
    if cut.isprintable():
        return cut
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in cut)
