"""Compile the extractor modules with mypyc into the virtualenv (``make native``).

The extractors are rule code over tokens: many small functions, attribute reads and
loops, which is what the interpreter spends its time on and what mypyc turns into C
(the way black and mypy ship). The compiled modules go to ``<venv>/native``, never
beside the sources, with a manifest of the sources' hashes: ``etl/__init__.py`` uses
them only while every source still matches, so an edited checkout runs its own code.

usage: python tools/build_native.py [--force] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.native import GROUP, MANIFEST, NATIVE_MODULES, default_dir, source_hashes  # noqa: E402


def up_to_date(out: Path) -> bool:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest == _manifest()


def _manifest() -> dict[str, object]:
    import mypy.version

    return {
        "python": sys.implementation.cache_tag,
        "mypy": mypy.version.__version__,
        "sources": source_hashes(ROOT / "etl"),
    }


def build(out: Path) -> None:
    # imported here: the up-to-date check above needs neither
    from mypyc.build import mypycify
    from setuptools import Distribution

    paths = [str(Path("etl") / f"{name}.py") for name in NATIVE_MODULES]
    # hashed before compiling: a source edited during the build must make the build stale
    manifest = _manifest()
    with tempfile.TemporaryDirectory(prefix="etl-native-") as tmp:
        staging = Path(tmp) / "lib"
        # mypycify reads the sources (and the mypy configuration) relative to the repository
        here = Path.cwd()
        try:
            os.chdir(ROOT)
            modules = mypycify(
                ["--config-file", str(ROOT / "pyproject.toml"), *paths],
                opt_level="3",
                group_name=GROUP,
                target_dir=str(Path(tmp) / "c"),
            )
            dist = Distribution({"name": "etl-native", "ext_modules": modules})
            cmd = dist.get_command_obj("build_ext")
            cmd.build_lib = str(staging)  # type: ignore[attr-defined]
            cmd.build_temp = str(Path(tmp) / "obj")  # type: ignore[attr-defined]
            cmd.parallel = os.cpu_count() or 1  # type: ignore[attr-defined]
            dist.run_command("build_ext")
        finally:
            os.chdir(here)
        # the manifest goes in last: until it is there, etl.native sees no usable build
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(staging, out)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--force", action="store_true", help="rebuild even if the sources have not changed")
    ap.add_argument("--out", type=Path, default=default_dir(), help="where the compiled modules go")
    args = ap.parse_args(argv)
    if not args.force and up_to_date(args.out):
        (args.out / MANIFEST).touch()  # for make: newer than the sources it was checked against
        print(f"native: {len(NATIVE_MODULES)} compiled modules in {args.out} are up to date")
        return 0
    build(args.out)
    print(f"native: compiled {len(NATIVE_MODULES)} modules into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
