"""A wheel of mediate works on its own: built, installed into a fresh virtual environment and
started from there, with its stylesheets shipped inside the package."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import textwrap
import zipfile
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _not_source(folder: str, names: list[str]) -> set[str]:
    """What a build must not copy from the checkout: environments, builds and caches."""
    skip = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".hypothesis"}
    if Path(folder) == ROOT:
        skip |= {".git", ".venv", "venv", "build", "dist", "out"}
    return {name for name in names if name in skip or name.endswith(".egg-info")}


# pip writes nothing into the home folder (no cache, no version check) but keeps its settings.
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-cache-dir"]

START_APP = textwrap.dedent(
    """
    import asyncio
    import sys
    from pathlib import Path

    import mediate
    from mediate.tui.app import MediateApp
    from mediate.tui.screens.home import HomeScreen

    db_path, venv = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
    assert Path(mediate.__file__).resolve().is_relative_to(venv), mediate.__file__


    async def main():
        app = MediateApp(db_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), app.screen
            sources = {Path(path).name: Path(path) for path, _ in app.stylesheet.source}
            for name in ("app.tcss", "evidence.tcss"):
                assert name in sources, sorted(sources)
                assert sources[name].resolve().is_relative_to(venv), sources[name]
            # A rule of app.tcss reached the screen.
            assert str(app.screen.query_one("#cases").styles.height) == "1fr"


    asyncio.run(main())
    print("started")
    """
)


def _run(args: list[str | Path], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _version(distribution: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in metadata.version(distribution).split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return ()


def _build_wheel(source: Path, out: Path) -> Path:
    """Builds offline with this environment's setuptools when it can make wheels (70.1 and later
    can; 68 to 70.0 with the `wheel` package); otherwise pip builds in its isolated environment,
    fetching setuptools from its configured index."""
    setuptools = _version("setuptools")
    here = setuptools >= (70, 1) or (setuptools >= (68,) and bool(_version("wheel")))
    isolation = ["--no-build-isolation"] if here else []
    _run([*PIP, "wheel", "--no-deps", *isolation, "-w", out, source])
    (wheel,) = out.glob("mediate-*.whl")
    return wheel


class Installed(NamedTuple):
    source: Path  # the copy of the project the wheel was built from
    wheel: Path
    venv: Path  # a fresh virtual environment with the wheel installed
    env: dict[str, str]  # for its subprocesses: home and data folders are temporary


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    """A wheel of the project installed in a fresh virtual environment that borrows this
    environment's dependencies (but not its editable mediate)."""
    tmp = tmp_path_factory.mktemp("packaging")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=_not_source)
    wheel = _build_wheel(source, tmp / "dist")

    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    _run([*PIP, "--python", python, "install", "--no-deps", "--no-index", wheel])

    # Paths listed in a .pth file join sys.path after the environment's own site-packages, and
    # the .pth files inside them (the editable install's finder) are not run.
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    borrowed = [*site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        borrowed.append(site.getusersitepackages())
    Path(purelib.stdout.strip(), "borrowed.pth").write_text("\n".join(borrowed) + "\n")

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}
    }
    home = tmp / "home"
    env |= {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    return Installed(source, wheel, venv, env)


def test_the_wheel_holds_the_stylesheets(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert {"mediate/styles/app.tcss", "mediate/styles/evidence.tcss"} <= names
    stylesheets = {f"mediate/styles/{p.name}" for p in (installed.source / "styles").glob("*.tcss")}
    assert stylesheets <= names


def test_the_wheel_holds_the_statutory_tables(installed, tmp_path):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    data = installed.source / "mediate" / "domain" / "data"
    tables = {f"mediate/domain/data/{p.name}" for p in data.glob("*.toml")}
    assert len(tables) == 3 and tables <= names
    python = installed.venv / "bin" / "python"
    read = "from mediate.domain.statutory_tables import dutch_costs; print(dutch_costs().flat_fee)"
    result = _run([python, "-c", read], env=installed.env, cwd=tmp_path)
    assert result.stdout.strip() == "40.00"


def test_the_wheel_holds_every_module(installed):
    """pyproject.toml lists the packages one by one: a new one left out of the list is missing
    from a wheel but still imports from the checkout."""
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    modules = {
        p.relative_to(installed.source).as_posix() for p in installed.source.glob("mediate/**/*.py")
    }
    missing = sorted(modules - names)
    assert not missing, f"not in the wheel: add their packages to pyproject.toml: {missing}"


def test_the_installed_command_lists_cases(installed, tmp_path):
    db = tmp_path / "cases.db"
    mediate = installed.venv / "bin" / "mediate"
    folder = ROOT / "sample_cases" / "MED-2026-001-billed-hours"
    _run([mediate, "--db", db, "import", folder], env=installed.env, cwd=tmp_path)
    result = _run([mediate, "--db", db, "list"], env=installed.env, cwd=tmp_path)
    assert "MED-2026-001" in result.stdout and "Webshop rebuild" in result.stdout


def test_the_installed_app_starts_styled(installed, tmp_path):
    script = tmp_path / "start_app.py"
    script.write_text(START_APP)
    command = [installed.venv / "bin" / "python", script, tmp_path / "cases.db", installed.venv]
    result = _run(command, env=installed.env, cwd=tmp_path)
    assert result.stdout.strip() == "started"
