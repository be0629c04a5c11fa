"""The mypyc-compiled extractor modules, used when they match the sources.

``make native`` (``tools/build_native.py``) compiles :data:`NATIVE_MODULES` into
``<venv>/native`` with a manifest of the sources' hashes. :func:`activate`, run when
``etl`` is imported, puts that folder before the sources on ``etl.__path__`` only if
every compiled module's source is unchanged and the build is this interpreter's: a
stale build is never half used. Otherwise the pure-Python modules run, which give the
same tables, only slower. ``ETL_NATIVE=0`` turns the compiled modules off.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Final

# The extraction path: everything extract_article calls per token. The I/O edges (readers,
# Parquet, DuckDB, the CLI) spend their time inside compiled libraries already.
NATIVE_MODULES: Final = (
    "acts",
    "articles",
    "caches",
    "chars",
    "coref",
    "countries",
    "dates",
    "doc",
    "entities",
    "entity_index",
    "event_cues",
    "event_merge",
    "event_parties",
    "events",
    "extract",
    "names",
    "nationality",
    "people",
    "places",
    "quote_direct",
    "quote_grammar",
    "quote_marks",
    "quote_paras",
    "quotemarks",
    "quotes",
    "records",
    "sentences",
    "titles",
)
# mypyc puts the compiled code of all modules in one shared library of this name
GROUP: Final = "etl_native"
MANIFEST: Final = "manifest.json"
ENV_SWITCH: Final = "ETL_NATIVE"
# another build folder than the default (several checkouts sharing one virtualenv)
ENV_DIR: Final = "ETL_NATIVE_DIR"


def default_dir() -> Path:
    """``<venv>/native`` (the build belongs to the interpreter that made it), or ``$ETL_NATIVE_DIR``."""
    return Path(os.environ.get(ENV_DIR) or Path(sys.prefix) / "native")


def source_hashes(package: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((package / f"{name}.py").read_bytes()).hexdigest() for name in NATIVE_MODULES
    }


def status(native: Path, package: Path) -> str | None:
    """None when the build in ``native`` can be used for the sources in ``package``, else why not."""
    try:
        manifest = json.loads((native / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "not built (make native)"
    except (OSError, ValueError) as exc:
        return f"unreadable manifest ({exc})"
    if manifest.get("python") != sys.implementation.cache_tag:
        return f"built for {manifest.get('python')}, this is {sys.implementation.cache_tag} (make native)"
    try:
        current = source_hashes(package)
    except OSError as exc:
        return f"cannot read the sources ({exc})"
    changed = sorted(
        name for name, digest in current.items() if manifest.get("sources", {}).get(name) != digest
    )
    if changed:
        return f"out of date: {', '.join(changed)} changed since the build (make native)"
    if _group_library(native) is None:
        return f"no {GROUP} library for this interpreter in {native}"
    return None


def _group_library(native: Path) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = native / f"{GROUP}__mypyc{suffix}"
        if path.is_file():
            return path
    return None


def activate(package_path: list[str]) -> str:
    """Use the compiled modules if they are usable; returns what runs, for reports and ``bench``."""
    if os.environ.get(ENV_SWITCH, "1") == "0":
        return f"pure Python ({ENV_SWITCH}=0)"
    native = default_dir()
    package = Path(package_path[0])
    reason = status(native, package)
    if reason is not None:
        if (native / MANIFEST).exists() and multiprocessing.parent_process() is None:
            # a build exists but cannot be used: say so (once, not in every worker), since the
            # run will be slower
            print(f"etl: compiled modules not used: {reason}", file=sys.stderr)
        return f"pure Python: compiled modules {reason}"
    library = _group_library(native)
    assert library is not None
    # The per-module shims import the shared library by its top-level name: load it from
    # its file first, so that nothing has to go on sys.path.
    name = f"{GROUP}__mypyc"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, library)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    package_path.insert(0, str(native / "etl"))
    return f"compiled (mypyc, {len(NATIVE_MODULES)} modules)"
