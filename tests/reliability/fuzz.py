"""Mutations of genuine submission files, and the harness that pushes them through the reader.

Every mutation is drawn from ``random.Random(seed)``: a case is reproducible from its number.
A case passes when ``verify_submission`` returns or raises ``SubmissionRejected`` (anything
else is an unhandled exception) within ``HANG_S`` seconds.
"""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.catalog import Catalog
from app.io.submission_reader import SubmissionRejected, verify_submission
from tests.kit.keys import Key
from tests.kit.submissions import entries, fixed_info, make_payload, write

HANG_S = 10.0
POOL_MEMORY_MB = 1024  # the importer's default bound per worker
Mutator = Callable[[random.Random, bytes], bytes]


# -- the genuine files -------------------------------------------------------------------
def genuine_files(folder: Path, catalog: Catalog) -> list[bytes]:
    """A few genuine submissions: short and long texts, several units, every period kind."""
    folder.mkdir(parents=True, exist_ok=True)
    key = Key()
    specs = [
        ("zjj", "2016Q1", ("按计划推进。",)),
        ("scjg", "2016", ("=1+1", "@SUM(A1)", "长" * 600, "第一行\n第二行", "-5", "+7")),
        ("jtys", "2016Q3", ("Ω ≤ 4.5 批次/千人 &<>\"'", "")),
    ]
    out = []
    for i, (unit, period, texts) in enumerate(specs):
        p = make_payload(catalog, unit, period, texts=texts, version=i + 1, sequence=i + 1)
        out.append(write(folder, catalog, key, p, f"g{i}.xlsx").read_bytes())
    return out


# -- mutations -----------------------------------------------------------------------------
def _repack(parts: list[tuple[zipfile.ZipInfo | str, bytes]], method: int | None = None) -> bytes:
    import warnings

    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: the point
        for name, content in parts:
            info = zipfile.ZipInfo(name if isinstance(name, str) else name.filename)
            info.compress_type = zipfile.ZIP_DEFLATED if method is None else method
            z.writestr(info, content)
    return buf.getvalue()


def _parts(data: bytes) -> list[tuple[zipfile.ZipInfo | str, bytes]]:
    return list(entries(data).items())  # type: ignore[arg-type]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 4, 16))):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def flip_bits_in_header(rng: random.Random, data: bytes) -> bytes:
    """A flip inside a zip header (local or central): sizes, methods, names, offsets."""
    b = bytearray(data)
    heads = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", data)]
    at = rng.choice(heads) + rng.randrange(4, 46)
    if at < len(b):
        b[at] ^= 1 << rng.randrange(8)
    return bytes(b)


def truncate_file(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def append_junk(rng: random.Random, data: bytes) -> bytes:
    return data + rng.randbytes(rng.randrange(1, 5000))


def swap_entries(rng: random.Random, data: bytes) -> bytes:
    parts = _parts(data)
    i, j = rng.sample(range(len(parts)), 2)
    (a, ca), (b, cb) = parts[i], parts[j]
    parts[i], parts[j] = (a, cb), (b, ca)
    return _repack(parts)


def duplicate_entry(rng: random.Random, data: bytes) -> bytes:
    import warnings

    parts = _parts(data)
    name, content = rng.choice(parts)
    other = rng.choice(parts)[1] if rng.random() < 0.5 else content
    parts.insert(rng.randrange(len(parts) + 1), (name, other))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: the point
        return _repack(parts)


def remove_entry(rng: random.Random, data: bytes) -> bytes:
    parts = _parts(data)
    del parts[rng.randrange(len(parts))]
    return _repack(parts)


def rename_entry(rng: random.Random, data: bytes) -> bytes:
    parts = _parts(data)
    i = rng.randrange(len(parts))
    name = str(parts[i][0])
    new = rng.choice(
        [
            name.upper(),
            "/" + name,
            name.replace("/", "\\"),
            name + ".bak",
            "../" + name,
            "xl/worksheets/sheet9.xml",
            "xl/vbaProject.bin",
            name[:-1],
        ]
    )
    parts[i] = (new, parts[i][1])
    return _repack(parts)


def change_compression(rng: random.Random, data: bytes) -> bytes:
    method = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
    parts = _parts(data)
    if rng.random() < 0.5:
        return _repack(parts, method)
    # one entry only, the rest as they were
    i = rng.randrange(len(parts))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, (name, content) in enumerate(parts):
            z.writestr(fixed_info(str(name), method if k == i else zipfile.ZIP_DEFLATED), content)
    return buf.getvalue()


def _xml_part(
    rng: random.Random, data: bytes
) -> tuple[list[tuple[zipfile.ZipInfo | str, bytes]], int]:
    """An XML part to damage: half the time docProps/custom.xml, the one part the signature
    cannot cover (so the parser meets the damage), else any other."""
    parts = _parts(data)
    xml = [k for k, (n, _) in enumerate(parts) if str(n).endswith((".xml", ".rels"))]
    custom = [k for k in xml if str(parts[k][0]) == "docProps/custom.xml"]
    if custom and rng.random() < 0.5:
        return parts, custom[0]
    return parts, rng.choice(xml)


def truncate_xml(rng: random.Random, data: bytes) -> bytes:
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    parts[i] = (name, content[: rng.randrange(len(content))])
    return _repack(parts)


def insert_element(rng: random.Random, data: bytes) -> bytes:
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    tags = [m.end() for m in re.finditer(rb">", content)]
    at = rng.choice(tags[1:] or tags)
    element = rng.choice(
        [
            b"<x/>",
            b'<c r="A1" t="s"><v>0</v></c>',
            b"<f>1+1</f>",
            b'<row r="1" hidden="1"/>',
            b'<property name="qr.signature"><vt:lpwstr>AAAA</vt:lpwstr></property>',
            b'<sheet name="x" sheetId="9" r:id="rId9"/>',
            b'<Relationship Id="rId99" Type="x" Target="http://e.com" TargetMode="External"/>',
            b"<![CDATA[ ]]>",
            b"<!-- c -->",
            b"<?pi x?>",
            b"<a>" * 50 + b"</a>" * 50,
        ]
    )
    parts[i] = (name, content[:at] + element + content[at:])
    return _repack(parts)


def change_attribute(rng: random.Random, data: bytes) -> bytes:
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    attrs = list(re.finditer(rb'="([^"]*)"', content))
    if not attrs:
        return flip_bytes(rng, data)
    m = rng.choice(attrs)
    value = rng.choice(
        [b"", b"0", b"-1", b"99999999999999999999", b"A1048577", b"XFD1", b"1e308", b"NaN",
         b"\xe4\xb8\xad", b"&amp;", b"rId1", b"../../x", b"s", b"str", b"e", b"n", b"b",
         b"inlineStr", m.group(1) + m.group(1)]
    )  # fmt: skip
    parts[i] = (name, content[: m.start(1)] + value + content[m.end(1) :])
    return _repack(parts)


def insert_doctype(rng: random.Random, data: bytes) -> bytes:
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    decl = rng.choice(
        [
            b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
            b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd">',
            b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
            b"<!doctype x>",
        ]
    )
    end = content.find(b"?>")
    at = end + 2 if content.startswith(b"<?xml") and end > 0 else 0
    parts[i] = (name, content[:at] + decl + content[at:])
    return _repack(parts)


def change_encoding(rng: random.Random, data: bytes) -> bytes:
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    text = content.decode("utf-8", "replace")
    enc = rng.choice(["utf-16", "utf-16-le", "latin-1", "gb18030"])
    try:
        new = text.encode(enc, "replace")
    except LookupError:
        new = content
    parts[i] = (name, new)
    return _repack(parts)


# -- the attack classes of issue 12 ----------------------------------------------------------
ALIASES = (
    lambda n: "/" + n,
    lambda n: n.upper(),
    lambda n: n.replace("/", "\\"),
    lambda n: "./" + n,
    lambda n: "xl/../" + n,
    lambda n: "C:/" + n,
    lambda n: n + " ",
    lambda n: n.replace("xml", "XML"),
)


def alias_entry(rng: random.Random, data: bytes) -> bytes:
    """A second copy of an entry under another spelling of its name, kept side by side with
    the original (other readers resolve some spellings to the same part)."""
    parts = _parts(data)
    name, content = rng.choice(parts)
    alias = rng.choice(ALIASES)(str(name))
    forged = content.replace(b">", b"> ", 1) if rng.random() < 0.7 else content
    parts.insert(rng.randrange(len(parts) + 1), (alias, forged))
    return _repack(parts)


def char_reference(rng: random.Random, data: bytes) -> bytes:
    """An ASCII character of an attribute value or a text written as a character reference
    (hidden="&#49;"): the same document to a parser, other bytes to a byte scan."""
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    spots = [m.start() for m in re.finditer(rb'[="][A-Za-z0-9.]', content)]
    if not spots:
        return flip_bytes(rng, data)
    at = rng.choice(spots) + 1
    ref = b"&#%d;" % content[at] if rng.random() < 0.5 else b"&#x%x;" % content[at]
    parts[i] = (name, content[:at] + ref + content[at + 1 :])
    return _repack(parts)


def namespace_prefix(rng: random.Random, data: bytes) -> bytes:
    """Every element of a part moved from the default namespace to a (non-ASCII) prefix
    bound to the same namespace: the same document to a namespace-aware parser."""
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    prefix = rng.choice(["工".encode(), b"x", "ß".encode(), b"ns0"])
    body = re.sub(rb"<(/?)([A-Za-z][A-Za-z0-9]*)([\s/>])", rb"<\1" + prefix + rb":\2\3", content)
    body = body.replace(b' xmlns="', b" xmlns:" + prefix + b'="', 1)
    parts[i] = (name, body)
    return _repack(parts)


def rename_part(rng: random.Random, data: bytes) -> bytes:
    """A part under another name, every reference to it rewritten (a styles part or a sheet
    that other readers still find through the relationships)."""
    parts = _parts(data)
    k = rng.randrange(len(parts))
    old = str(parts[k][0])
    suffix = rng.choice(["1.xml", ".XML", "_.xml"])
    new = old.replace(".xml", suffix, 1) if ".xml" in old else old + "1"
    short_old, short_new = old.rsplit("/", 1)[-1].encode(), new.rsplit("/", 1)[-1].encode()
    out: list[tuple[zipfile.ZipInfo | str, bytes]] = []
    for n, c in parts:
        if str(n).endswith((".rels", "[Content_Types].xml")):
            c = c.replace(short_old, short_new)
        out.append((new if str(n) == old else n, c))
    return _repack(out)


EXTRA_NAMES = (
    "../x", "docProps/custom2.xml", "xl/worksheets/sheet9.xml", "a\\b.xml", "C:/x.xml",
    "xl/drawings/drawing1.xml", "[trash]/0000.dat", "docProps/Custom.xml", "x/./y.xml",
)  # fmt: skip


def extra_entry(rng: random.Random, data: bytes) -> bytes:
    """An entry the signed manifest does not list: a path out of the folder, a second
    custom-properties part, a sheet, a drawing; now and then a name told apart by case only."""
    parts = _parts(data)
    name = rng.choice(EXTRA_NAMES)
    content = rng.choice([b"", b"<x/>", dict(entries(data)).get("docProps/custom.xml", b"")])
    parts.insert(rng.randrange(len(parts) + 1), (name, content))
    return _repack(parts)


def prefix_junk(rng: random.Random, data: bytes) -> bytes:
    """Junk, or a whole second zip, in front of the file (zipfile finds the archive anyway)."""
    if rng.random() < 0.5:
        return rng.randbytes(rng.randrange(1, 3000)) + data
    other = _repack([("a.txt", b"the other archive")])
    return other + data


def deep_xml(rng: random.Random, data: bytes) -> bytes:
    """Elements nested far deeper than any document needs (120,000 levels at most)."""
    parts, i = _xml_part(rng, data)
    name, content = parts[i]
    depth = rng.choice([300, 5000, 120_000])
    at = content.rfind(b"</")
    nest = b"<a>" * depth + b"</a>" * depth
    parts[i] = (name, content[:at] + nest + content[at:] if at > 0 else nest)
    return _repack(parts)


MUTATORS: dict[str, Mutator] = {
    "flip_bytes": flip_bytes,
    "flip_header": flip_bits_in_header,
    "truncate_file": truncate_file,
    "append_junk": append_junk,
    "swap_entries": swap_entries,
    "duplicate_entry": duplicate_entry,
    "remove_entry": remove_entry,
    "rename_entry": rename_entry,
    "compression": change_compression,
    "truncate_xml": truncate_xml,
    "insert_element": insert_element,
    "change_attribute": change_attribute,
    "insert_doctype": insert_doctype,
    "change_encoding": change_encoding,
    "alias_entry": alias_entry,
    "char_reference": char_reference,
    "namespace_prefix": namespace_prefix,
    "rename_part": rename_part,
    "extra_entry": extra_entry,
    "prefix_junk": prefix_junk,
    "deep_xml": deep_xml,
}


def mutate(case: int, seed: int, sources: list[bytes]) -> tuple[str, bytes]:
    """Case ``case``'s mutation: one or (sometimes) two mutators over one genuine file."""
    rng = random.Random(f"{seed}:{case}")
    data = rng.choice(sources)
    names = list(MUTATORS)
    used = [names[case % len(names)]]  # every mutator gets its share
    if rng.random() < 0.15:
        used.append(rng.choice(names))
    for name in used:
        try:
            data = MUTATORS[name](rng, data)
        except Exception:  # an earlier mutation broke the zip (bad CRC, ...): flip instead
            data = flip_bytes(rng, data)
    return "+".join(used), data


# -- the harness ---------------------------------------------------------------------------
@dataclass
class FuzzReport:
    cases: int = 0
    pool_cases: int = 0
    outcomes: list[str] = field(default_factory=list)  # rejection code, or "accepted"
    crashes: list[tuple[str, str]] = field(default_factory=list)
    hangs: list[tuple[str, str]] = field(default_factory=list)
    slowest: float = 0.0
    slowest_name: str = ""
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    memory_ok: bool = True


def check_one(name: str, data: bytes, catalog: Catalog, report: FuzzReport) -> None:
    started = time.monotonic()
    try:
        verify_submission(data, catalog)
        outcome = "accepted"  # a mutation that changed nothing that matters (e.g. junk after)
    except SubmissionRejected as exc:
        outcome = exc.code
        if not exc.reason or "\n" in exc.reason:
            report.crashes.append((name, f"reason not one line: {exc.reason!r}"))
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        outcome = "CRASH"
        report.crashes.append((name, f"{type(exc).__name__}: {str(exc)[:200]}"))
    took = time.monotonic() - started
    if took > report.slowest:
        report.slowest, report.slowest_name = took, name
    if took > HANG_S:
        report.hangs.append((name, f"took {took:.1f} s"))
    report.outcomes.append(outcome)
    report.cases += 1


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def run_fuzz(
    catalog: Catalog,
    work: Path,
    cases: int,
    *,
    seed: int = 1,
    pool_cases: int = 0,
    memory_growth_mb: float = 150.0,
) -> FuzzReport:
    """``cases`` mutations in process, then ``pool_cases`` of them through the worker pool."""
    sources = genuine_files(work / "genuine", catalog)
    report = FuzzReport()
    for warm in range(20):  # imports and caches before the first measurement
        check_one(f"warm-{warm}", mutate(warm, seed + 1, sources)[1], catalog, FuzzReport())
    report.rss_start_mb = _rss_mb()
    for case in range(cases):
        name, data = mutate(case, seed, sources)
        check_one(f"{seed}:{case} {name}", data, catalog, report)
    if pool_cases:
        run_pool(catalog, work / "pool", seed, sources, pool_cases, report)
    report.rss_end_mb = _rss_mb()
    report.memory_ok = report.rss_end_mb - report.rss_start_mb < memory_growth_mb
    return report


def run_pool(
    catalog: Catalog, folder: Path, seed: int, sources: list[bytes], n: int, report: FuzzReport
) -> None:
    """Mutants through the office import's worker pool (time and memory bound per file)."""
    from app.services.parse_pool import ParsePool

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in range(n):
        _name, data = mutate(case, seed + 7, sources)
        p = folder / f"{case:05d}.xlsx"
        p.write_bytes(data)
        paths.append(str(p))
    seen = set()
    with ParsePool(catalog, workers=2, timeout_s=HANG_S, memory_mb=POOL_MEMORY_MB) as pool:
        for result in pool.results(paths):
            seen.add(result.path)
            if result.verified is None and result.message is None:
                report.crashes.append((result.path, "no outcome"))
            if result.code == "reader_timeout":
                report.hangs.append((result.path, str(result.message)))
            if result.code in ("reader_error", "reader_crashed"):
                report.crashes.append((result.path, str(result.message)))
    for p in set(paths) - seen:
        report.crashes.append((p, "no result from the pool"))
    report.pool_cases += n
