"""Real Ed25519 keys for tests, and the office trusting one for a unit."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.catalog import Catalog
from app.io import keys
from app.models.store import Store
from app.services.office_trust import add_trusted_key

REGISTERED_AT = datetime(2016, 3, 1, tzinfo=UTC)


class Key:
    """A signing key: fresh, or derived from ``seed`` (32 bytes) when a test wants the same
    key every run."""

    def __init__(self, seed: bytes | None = None) -> None:
        if seed is None:
            self.private = Ed25519PrivateKey.generate()
        else:
            self.private = Ed25519PrivateKey.from_private_bytes(seed)
        self.public = self.private.public_key().public_bytes_raw()

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def trust(
    store: Store,
    catalog: Catalog,
    unit: str,
    key: Key,
    *,
    clerk: str = "张三",
    at: datetime = REGISTERED_AT,
) -> None:
    """Register ``key`` for ``unit`` in the office ``store``, as its registration file would."""
    doc = keys.registration_document(unit, catalog.unit(unit).name, key.public, clerk, at)
    add_trusted_key(store, catalog, keys.registration_from_document(doc))
