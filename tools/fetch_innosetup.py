#!/usr/bin/env python3
"""The one Inno Setup compiler the project uses, from the npm package ``innosetup``.

    python3 tools/fetch_innosetup.py          prints the path of ISCC.exe, fetching it if needed

Both the Wine check (tools/check_installer.sh) and the Windows workflow compile with the
compiler this script fetches, so the pin below is the only place that names a version, and
packaging/ChineseSimplified.isl must hold exactly the messages of its Default.isl
(``tools/installer_verify.py messages``). The package ships the compiler's files under
``package/bin/`` (ISCC.exe, ISCmplr.dll, ISPP.dll, Setup.e32, Default.isl, …), a portable
compiler that needs no installation. ``npm pack`` downloads the registry's tarball; nothing
else is downloaded and nothing is kept outside ``build/`` of the clone (npm's cache included).

Changing the version: set both constants (``npm pack innosetup@X`` prints the tarball, then
``sha256sum``), run ``tools/check_installer.sh`` and make the .isl file match what it reports.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path, PurePosixPath

VERSION = "6.4.1"
SHA256 = "fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684"

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / "build" / "innosetup"


def compiler_dir(version: str = VERSION) -> Path:
    """The folder holding ISCC.exe and Default.isl for ``version``."""
    return HOME / version / "package" / "bin"


def _npm() -> str:
    npm = shutil.which("npm")  # npm.cmd on Windows
    if npm is None:
        raise SystemExit("fetch_innosetup: npm not found (Debian: apt-get install npm)")
    return npm


def _pack(dest: Path) -> Path:
    """``npm pack innosetup@VERSION`` into ``dest``, with npm's cache inside the clone."""
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [_npm(), "pack", f"innosetup@{VERSION}", "--pack-destination", str(dest)]
    cmd += ["--cache", str(HOME / "npm-cache"), "--silent"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    tgz = dest / f"innosetup-{VERSION}.tgz"
    if not tgz.is_file():
        raise SystemExit(f"fetch_innosetup: npm pack made no {tgz.name}")
    digest = hashlib.sha256(tgz.read_bytes()).hexdigest()
    if digest != SHA256:
        tgz.unlink()
        raise SystemExit(f"fetch_innosetup: {tgz.name} has sha256 {digest}, pinned {SHA256}")
    return tgz


def _extract(tgz: Path, dest: Path) -> None:
    """Unpack the tarball's regular files; a member that leaves ``dest`` is refused."""
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar.getmembers():
            name = PurePosixPath(member.name)
            if member.isdir():
                continue
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                raise SystemExit(f"fetch_innosetup: unexpected member {member.name!r}")
            target = dest.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None  # a regular file always has content
            with source, target.open("wb") as out:
                shutil.copyfileobj(source, out)


def fetch() -> Path:
    """ISCC.exe of the pinned version, fetched and unpacked into build/innosetup/ once."""
    iscc = compiler_dir() / "ISCC.exe"
    done = HOME / VERSION / ".complete"
    if iscc.is_file() and done.is_file():
        return iscc
    work = HOME / VERSION
    if work.exists():
        shutil.rmtree(work)
    tgz = _pack(HOME)
    _extract(tgz, work)
    tgz.unlink()
    if not iscc.is_file():
        raise SystemExit(f"fetch_innosetup: no ISCC.exe in innosetup@{VERSION}")
    done.write_text(SHA256 + "\n")
    return iscc


if __name__ == "__main__":
    print(fetch())
    sys.exit(0)
