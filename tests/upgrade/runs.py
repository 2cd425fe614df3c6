"""Running the code before the redesign and today's code on one scratch database, for the
upgrade check: the pinned commit, subprocess helpers and the extraction with git archive."""

import subprocess
import sys
from pathlib import Path

import pytest

BEFORE = "c6176cd9c27f78b32934cb2e72c8630851a2bd12"
SCRATCH_DATABASE = "simhelp_redesign_check"


def run(command: list[str], *, cwd: Path, env: dict[str, str] | None, step: str) -> str:
    """Run a command quietly; on failure, fail the test with its stderr (and end of stdout)."""
    try:
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"{step}: timed out after {error.timeout} s", pytrace=False)
    if done.returncode != 0:
        pytest.fail(
            f"{step}: `{' '.join(shown(command))}` "
            f"in {cwd} exited with {done.returncode}\n"
            f"--- stderr ---\n{done.stderr[-6000:]}\n--- stdout (end) ---\n{done.stdout[-1500:]}",
            pytrace=False,
        )
    return done.stdout


# Runs manage.py in the folder it is given and nowhere else: the project is installed in
# editable mode, and the installer's import hook would otherwise fill in what the old code
# lacks (simhelp.migrations, the new apps) from today's tree.
OWN_CODE_ONLY = (
    "import runpy, sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path if '__editable__' not in f.__module__]; "
    "sys.argv = ['manage.py', *sys.argv[1:]]; "
    "runpy.run_path('manage.py', run_name='__main__')"
)


def shown(command: list[str]) -> list[str]:
    if command[:2] == [sys.executable, "-c"]:
        return ["manage.py", *command[3:]]
    return command[1:] if command[0] == sys.executable else command


def manage(code: Path, env: dict[str, str], step: str, *args: str) -> str:
    return run([sys.executable, "-c", OWN_CODE_ONLY, *args], cwd=code, env=env, step=step)


def shell(code: Path, env: dict[str, str], step: str, script: str) -> str:
    return manage(code, env, step, "shell", "--no-imports", "-c", script)


def extract_before(repository: Path, destination: Path) -> None:
    """`git archive BEFORE | tar -x -C destination`, failing clearly without git or BEFORE."""
    try:
        known = subprocess.run(
            ["git", "cat-file", "-e", f"{BEFORE}^{{commit}}"],
            cwd=repository,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        pytest.fail("git is not installed: the redesign check needs it to extract BEFORE")
    if known.returncode != 0:
        pytest.fail(
            f"commit {BEFORE} (the code before the redesign) is not available in {repository}: "
            f"the check needs a git checkout with full history (CI runs on a full clone; "
            f"try `git fetch --unshallow`).\n{known.stderr.strip()}",
            pytrace=False,
        )
    archive = subprocess.Popen(
        ["git", "archive", BEFORE], cwd=repository, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    untar = subprocess.run(
        ["tar", "-x", "-C", str(destination)], stdin=archive.stdout, capture_output=True
    )
    archive.stdout.close()
    archive_error = archive.stderr.read().decode(errors="replace")
    archive.stderr.close()
    if archive.wait() != 0 or untar.returncode != 0:
        pytest.fail(
            f"git archive {BEFORE} | tar -x failed:\n{archive_error}"
            f"{untar.stderr.decode(errors='replace')}",
            pytrace=False,
        )
