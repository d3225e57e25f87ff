"""Find Odoo 19 (or install it) and prepare the project's virtualenv.

Order, as on a company's Odoo host:
1. ``ODOO_SOURCE``: an Odoo 19.0 source tree, a source archive, or its URL;
2. an ``odoo`` command on PATH: its own Python runs everything;
3. an ``odoo`` package importable by ``python3``;
4. otherwise upstream Odoo 19.0 from its official source archive.

The project's ``.venv`` is an overlay: it is built on the host interpreter's
base Python and sees the host's site-packages through a ``.pth`` file, so the
company's Odoo installation is used as it is and never modified, while our own
requirements (and the test tools) live in ``.venv``.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from pathlib import Path

from .console import EnvironmentProblem, say
from .paths import LOCAL, REPO, REQUIREMENTS, VENV

UPSTREAM_ARCHIVE = "https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz"
HOST_STAMP = VENV / "transport-host.json"
REQUIREMENTS_STAMP = VENV / "transport-requirements.sha1"
SUPPORTED_PYTHONS = ("python3.12", "python3.11", "python3.10", "python3")
PROBE = (
    "import json, site, sys; import odoo.release as r; "
    "print(json.dumps({'version': list(r.version_info[:2]), "
    "'base': getattr(sys, '_base_executable', sys.executable), "
    "'sites': [p for p in sys.path "
    "if p.endswith(('site-packages', 'dist-packages'))]}))"
)


def ensure_environment():
    """Return the project interpreter, able to ``import odoo`` (19.x)."""
    host = _locate_host()
    if _read_stamp() != host:
        _create_venv(host)
    _install_requirements()
    return str(VENV / "bin" / "python")


# --------------------------------------------------------------------------
# Locating Odoo
# --------------------------------------------------------------------------


def _locate_host():
    source = os.environ.get("ODOO_SOURCE")
    if source:
        return _source_host(_materialise_source(source))
    for interpreter in _host_interpreter_candidates():
        probe = _probe(interpreter)
        if probe and probe["version"][0] == 19:
            return {"kind": "installed", "python": interpreter, **probe}
    stamp = _read_stamp()
    if stamp and stamp.get("kind") == "source" and Path(stamp["source"]).is_dir():
        return stamp
    say("No Odoo 19 found: installing upstream Odoo 19.0 from its source archive.")
    return _source_host(_materialise_source(UPSTREAM_ARCHIVE))


def _host_interpreter_candidates():
    odoo_cmd = shutil.which("odoo")
    if odoo_cmd:
        interpreter = _shebang_interpreter(Path(odoo_cmd).resolve())
        if interpreter:
            yield interpreter
    python3 = shutil.which("python3")
    if python3:
        yield python3


def _shebang_interpreter(script):
    try:
        with open(script, "rb") as handle:
            first = handle.readline().decode(errors="replace").strip()
    except OSError:
        return None
    if not first.startswith("#!"):
        return None
    words = first[2:].split()
    if words and words[0].endswith("/env") and len(words) > 1:
        return shutil.which(words[1])
    return words[0] if words else None


def _probe(interpreter):
    try:
        out = subprocess.run(
            [interpreter, "-c", PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            cwd="/",
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------
# Odoo from source (ODOO_SOURCE or upstream)
# --------------------------------------------------------------------------


def _materialise_source(source):
    """Return a directory holding an Odoo source tree for ``source``."""
    if source.startswith(("http://", "https://")):
        source = str(_download(source))
    path = Path(source).expanduser().resolve()
    if path.is_dir():
        return _check_source_tree(path)
    if path.is_file():
        return _check_source_tree(_extract(path))
    raise EnvironmentProblem(
        f"ODOO_SOURCE={source} is neither a directory, an archive nor a URL."
    )


def _download(url):
    target = LOCAL / "downloads" / hashlib.sha1(url.encode()).hexdigest()[:12]
    archive = target / "odoo-source.tar.gz"
    if archive.exists():
        return archive
    target.mkdir(parents=True, exist_ok=True)
    say(f"Downloading Odoo 19.0 source from {url} ...")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
            with open(archive.with_suffix(".part"), "wb") as out:
                shutil.copyfileobj(response, out)
    except OSError as error:
        raise EnvironmentProblem(
            "No Odoo 19 is installed here and its source could not be downloaded "
            f"({error}): set ODOO_SOURCE to an Odoo 19.0 source tree or archive, "
            "or put an installed Odoo 19's `odoo` command on PATH."
        ) from error
    archive.with_suffix(".part").rename(archive)
    return archive


def _extract(archive):
    digest = hashlib.sha1(str(archive).encode()).hexdigest()[:12]
    target = LOCAL / "odoo-src" / digest
    if not target.exists():
        say(f"Extracting {archive.name} ...")
        partial = target.with_suffix(".part")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(partial)
        else:
            with tarfile.open(archive) as tarred:
                tarred.extractall(partial, filter="data")
        partial.rename(target)
    roots = [p for p in target.iterdir() if p.is_dir()]
    return roots[0] if len(roots) == 1 and not (target / "odoo").exists() else target


def _check_source_tree(path):
    if not (path / "odoo" / "release.py").exists():
        raise EnvironmentProblem(
            f"{path} is not an Odoo source tree (no odoo/release.py)."
        )
    release = (path / "odoo" / "release.py").read_text()
    if not re.search(r"version_info\s*=\s*\(\s*19\s*,", release):
        raise EnvironmentProblem(f"{path} is not Odoo 19.0.")
    return path


def _source_host(path):
    return {"kind": "source", "source": str(path), "base": _find_base_python()}


def _find_base_python():
    for name in SUPPORTED_PYTHONS:
        found = shutil.which(name)
        if not found:
            continue
        version = subprocess.run(
            [found, "-c", "import sys; print(sys.version_info[:2] >= (3, 10))"],
            capture_output=True,
            text=True,
        )
        if version.stdout.strip() == "True":
            return found
    raise EnvironmentProblem(
        "Odoo 19 needs Python 3.10 or newer: "
        "install python3 (3.10-3.12) and python3-venv."
    )


# --------------------------------------------------------------------------
# The project's virtualenv
# --------------------------------------------------------------------------


def _read_stamp():
    try:
        return json.loads(HOST_STAMP.read_text())
    except (OSError, ValueError):
        return None


def _create_venv(host):
    say(f"Creating the project virtualenv on {host['base']} ...")
    shutil.rmtree(VENV, ignore_errors=True)
    try:
        subprocess.run([host["base"], "-m", "venv", str(VENV)], check=True)
    except subprocess.CalledProcessError as error:
        raise EnvironmentProblem(
            "Could not create a virtualenv: install the python3-venv package."
        ) from error
    site_packages = Path(
        subprocess.run(
            [
                str(VENV / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    if host["kind"] == "source":
        _install_odoo_requirements(Path(host["source"]))
        (site_packages / "_transport_odoo_source.pth").write_text(host["source"] + "\n")
    else:
        lines = [f"import site; site.addsitedir({path!r})" for path in host["sites"]]
        (site_packages / "_transport_odoo_host.pth").write_text("\n".join(lines) + "\n")
    HOST_STAMP.write_text(json.dumps(host))


def _pip(*args):
    subprocess.run(
        [
            str(VENV / "bin" / "python"),
            "-m",
            "pip",
            "--disable-pip-version-check",
            "-q",
            *args,
        ],
        check=True,
    )


def _install_odoo_requirements(source):
    """Odoo's pinned requirements, with the two pins that do not build here fixed."""
    say("Installing Odoo's requirements (first run only) ...")
    wanted = []
    for line in (source / "requirements.txt").read_text().splitlines():
        if line.startswith("python-ldap"):
            continue  # needs OpenLDAP headers; only the auth_ldap addon uses it
        if line.startswith("cbor2==5.4.2"):
            line = line.replace("cbor2==5.4.2", "cbor2==5.6.5")
        wanted.append(line)
    pinned = LOCAL / "odoo-requirements.txt"
    pinned.write_text("\n".join(wanted) + "\n")
    _pip("install", "setuptools<80", "wheel")
    _pip("install", "-r", str(pinned))


def _install_requirements():
    digest = hashlib.sha1(
        b"".join(path.read_bytes() for path in REQUIREMENTS)
    ).hexdigest()
    try:
        if REQUIREMENTS_STAMP.read_text().strip() == digest:
            return
    except OSError:
        pass
    say("Installing the project's requirements ...")
    args = []
    for path in REQUIREMENTS:
        args += ["-r", str(path.relative_to(REPO))]
    try:
        subprocess.run(
            [
                str(VENV / "bin" / "python"),
                "-m",
                "pip",
                "--disable-pip-version-check",
                "-q",
                "install",
                *args,
            ],
            check=True,
            cwd=REPO,
        )
    except subprocess.CalledProcessError as error:
        raise EnvironmentProblem(
            "Could not install requirements.txt into .venv "
            "(no access to the package index?)."
        ) from error
    REQUIREMENTS_STAMP.write_text(digest)


if __name__ == "__main__":  # pragma: no cover - manual diagnosis
    print(ensure_environment(), file=sys.stdout)
