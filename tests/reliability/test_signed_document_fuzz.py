"""Signed documents no writer would make, validly signed by a key: the reader meets them
after the signature holds (anyone may sign with a key of their own), so every one must end in
a refusal, or be exactly the genuine document, and never in anything else."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.domain.catalog import Catalog
from app.io.submission_reader import SubmissionRejected, read_submission, verify_submission
from tests.kit.keys import Key
from tests.kit.submissions import make_payload, with_signed_document, write
from tests.kit.world import trial_count

CASES = trial_count("QR_DOC_FUZZ_CASES", 400)
VALUES: tuple[Any, ...] = (
    None, True, 0, -1, 10**30, "", "x", [], {}, [1, 2], {"a": 1}, "../x", "/xl/a",
    "docProps/custom.xml", "9" * 5000, "\u0301",
)  # fmt: skip


def _mutate(rng: random.Random, node: Any) -> None:
    """One random edit somewhere below ``node``: a key or item removed, repeated, replaced."""
    if isinstance(node, dict) and node:
        key = rng.choice(list(node))
        op = rng.random()
        if op < 0.3:
            del node[key]
        elif op < 0.6:
            node[key] = rng.choice(VALUES)
        elif op < 0.7:
            node[key + "_"] = rng.choice(VALUES)
        else:
            _mutate(rng, node[key])
    elif isinstance(node, list) and node:
        i = rng.randrange(len(node))
        op = rng.random()
        if op < 0.3:
            del node[i]
        elif op < 0.5:
            node.append(node[i])
        elif op < 0.7:
            node[i] = rng.choice(VALUES)
        else:
            _mutate(rng, node[i])


@pytest.mark.slow
def test_mutated_signed_documents_are_refused_never_crash(tmp_path: Path, catalog: Catalog) -> None:
    key = Key()
    genuine = write(tmp_path, catalog, key, make_payload(catalog), "g.xlsx").read_bytes()
    signed = read_submission(genuine).signed
    original = json.loads(signed)
    rng = random.Random(12)
    codes: Counter[str] = Counter()
    for _ in range(CASES):
        doc = json.loads(signed)
        for _ in range(rng.randint(1, 3)):
            _mutate(rng, doc)
        canonical = rng.random() < 0.9
        raw = json.dumps(doc, ensure_ascii=False, sort_keys=canonical,
                         separators=(",", ":") if canonical else None).encode()  # fmt: skip
        try:
            verify_submission(with_signed_document(genuine, key, raw), catalog)
        except SubmissionRejected as exc:
            assert exc.reason and "\n" not in exc.reason
            codes[exc.code] += 1
            continue
        assert raw == signed and doc == original, raw[:200]  # accepted: nothing changed
        codes["unchanged"] += 1
    assert {"bad_payload", "not_canonical"} <= set(codes), codes
