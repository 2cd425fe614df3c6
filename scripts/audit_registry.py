"""Known vulnerabilities of the installed packages, read from the package registry itself.

`make audit` runs pip-audit first. pip-audit asks PyPI's per-release endpoint
(`/pypi/<name>/<version>/json`) or OSV; where neither can be reached (the build machines reach
the package registry's project pages only), it marks every package "could not be audited" and
proves nothing. This script is the fallback: PyPI's project endpoint (`/pypi/<name>/json`)
lists the known vulnerabilities of a project's latest release, so every installed package
that *is* its latest release can be audited from there. A package behind its latest release
is listed as not audited, with both versions, so the gap is visible, never silently passed.

    .venv/bin/python scripts/audit_registry.py [--index https://pypi.org/pypi] [--skip NAME]

Exit status: 1 if any installed package has a known vulnerability that is not withdrawn,
2 if the registry could not be read at all, else 0.
"""

import argparse
import concurrent.futures
import importlib.metadata
import json
import re
import sys
import urllib.error
import urllib.request


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed(skip: set[str]) -> dict[str, str]:
    found = {}
    for dist in importlib.metadata.distributions():
        name = canonical(dist.metadata["Name"] or "")
        direct = dist.read_text("direct_url.json") or ""
        if name and name not in skip and '"editable":true' not in direct.replace(" ", ""):
            found[name] = dist.version
    return found


def project(index: str, name: str) -> dict:
    with urllib.request.urlopen(f"{index}/{name}/json", timeout=30) as response:
        return json.load(response)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="https://pypi.org/pypi")
    parser.add_argument("--skip", action="append", default=[], help="a package not to audit")
    args = parser.parse_args()
    packages = installed({canonical(name) for name in args.skip})

    def check(item):
        name, version = item
        try:
            data = project(args.index, name)
        except (urllib.error.URLError, OSError, ValueError) as error:
            return name, version, None, error
        return name, version, data, None

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = sorted(pool.map(check, packages.items()))

    vulnerable, behind, unreadable, audited = [], [], [], 0
    for name, version, data, error in results:
        if data is None:
            unreadable.append(f"{name} {version}: {error}")
            continue
        latest = data["info"]["version"]
        if latest != version:
            behind.append(f"{name} {version} (latest {latest})")
            continue
        audited += 1
        for advisory in data.get("vulnerabilities") or []:
            if advisory.get("withdrawn"):
                continue
            aliases = ", ".join(advisory.get("aliases") or [])
            fixed = ", ".join(advisory.get("fixed_in") or []) or "no fixed release"
            vulnerable.append(
                f"{name} {version}: {advisory.get('id')} ({aliases}) fixed in {fixed}"
            )

    print(f"registry audit: {audited} of {len(packages)} installed packages audited")
    for line in vulnerable:
        print(f"  VULNERABLE {line}")
    for line in behind:
        print(f"  not audited, not the latest release: {line}")
    for line in unreadable:
        print(f"  not audited, registry unreadable: {line}")
    print(
        f"{len(vulnerable)} known vulnerabilities; {len(behind)} not on their latest release; "
        f"{len(unreadable)} unreadable"
    )
    if vulnerable:
        return 1
    return 2 if packages and len(unreadable) == len(packages) else 0


if __name__ == "__main__":
    sys.exit(main())
