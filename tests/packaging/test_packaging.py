"""The package ships its templates, static assets, catalogs and migrations, from a wheel and from an editable
install, and declares the XBlock and Open edX plugin entry points."""
import importlib.metadata
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [
    "community_xblock/static/js/community.js",
    "community_xblock/static/css/community.css",
    "community_xblock/templates/learner/community.html",
    "community_xblock/templates/partials/phase.html",
    "community_xblock/migrations/0001_initial.py",
    "community_xblock/insights/analysis/signals.py",
    "community_xblock/management/commands/publish_community_summaries.py",
    "community_xblock/translations/fr/LC_MESSAGES/text.mo",
    "community_xblock/translations/hu/LC_MESSAGES/textjs.mo",
    "community_xblock/static/js/translations/hu/text.js",
]

# Run in a fresh interpreter: where does the package come from, and can it read every resource it needs?
PROBE = """
import django, importlib.resources, json, sys
django.setup()
import community_xblock
from community_xblock.block import CommunityXBlock
from community_xblock.core.resources import render_template
js = CommunityXBlock.open_local_resource("static/js/community.js").read()
html = render_template("learner/closed.html", {"uid": "u", "display_name": "Leaves", "phase": None})
print(json.dumps({
    "file": community_xblock.__file__,
    "js": b"function CommunityXBlock" in js,
    "template": html.strip(),
    "templates_dir": str(importlib.resources.files("community_xblock.templates")),
}))
"""


def probe(workdir, extra_path=None):
    """Run PROBE from ``workdir`` (not the checkout, whose folder would shadow an installed copy)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "community_xblock.demo.settings"}
    if extra_path:
        env["PYTHONPATH"] = str(extra_path)
    (workdir / "var").mkdir(exist_ok=True)  # the workbench settings log there
    output = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, cwd=workdir,
                            check=False)
    assert output.returncode == 0, output.stderr
    import json

    return json.loads(output.stdout.strip().splitlines()[-1])


def test_entry_points_are_declared():
    points = {
        (group, point.name): point.value
        for group in ("xblock.v1", "lms.djangoapp", "cms.djangoapp")
        for point in importlib.metadata.entry_points(group=group)
        if point.value.startswith("community_xblock")
    }
    assert points[("xblock.v1", "community")] == "community_xblock:CommunityXBlock"
    assert points[("lms.djangoapp", "community_xblock")] == "community_xblock.apps:CommunityXBlockConfig"
    assert points[("cms.djangoapp", "community_xblock")] == "community_xblock.apps:CommunityXBlockConfig"


def test_the_editable_install_reads_its_resources_from_the_checkout(tmp_path):
    found = probe(tmp_path)
    assert found["file"] == str(ROOT / "community_xblock" / "__init__.py"), found
    assert found["templates_dir"] == str(ROOT / "templates")
    assert found["js"] and "Leaves" in found["template"]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory):
    out = tmp_path_factory.mktemp("sdist")
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "-o", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("community[-_]xblock-*.tar.gz"))


@pytest.fixture(scope="module")
def wheel(sdist, tmp_path_factory):
    """The wheel built from the sdist: a build in the checkout could pick up a stale ``build/`` folder."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(sdist)], check=True, capture_output=True)
    return next(out.glob("community_xblock-*.whl"))


def test_the_wheel_holds_assets_inside_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in SHIPPED:
        assert path in names, path
    assert not any(name.startswith(("static/", "templates/", "tests/")) for name in names)


def test_the_block_works_from_the_installed_wheel(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    found = probe(tmp_path, extra_path=target)
    assert found["file"].startswith(str(target)), found
    assert found["templates_dir"].startswith(str(target))
    assert found["js"] and "Leaves" in found["template"]


def test_the_sdist_holds_what_setup_reads(sdist):
    import tarfile

    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"requirements/base.in", "requirements/constraints.txt", "setup.py", "README.md", "static/js/community.js",
            "translations/fr/LC_MESSAGES/text.mo", "templates/learner/community.html"} <= names


def test_web_fragments_is_left_to_xblock():
    """XBlock < 6.2 requires the web-fragments package and XBlock >= 6.2 bundles the module: naming it ourselves
    would install a second owner of the same files beside XBlock >= 6.2."""
    requirements = importlib.metadata.requires("community-xblock")
    assert not any(requirement.lower().startswith(("web-fragments", "web_fragments")) for requirement in requirements)
    assert any(requirement.startswith("XBlock>=") and "<" not in requirement for requirement in requirements)


# The platform's pins (XBlock 5.x beside the separate web-fragments) and the newest XBlock on the registry.
PINS = {"platform": ["XBlock==5.3.0", "web-fragments==4.0.0"], "newest": []}
OWNERS = """
import importlib.metadata, json, web_fragments.fragment, xblock
owners = sorted(dist.metadata["Name"] for dist in importlib.metadata.distributions()
                if any(str(f).replace("\\\\", "/") == "web_fragments/fragment.py" for f in (dist.files or [])))
print(json.dumps({"owners": owners, "xblock": importlib.metadata.version("XBlock")}))
"""


@pytest.mark.parametrize("pins", list(PINS))
def test_the_wheel_installs_cleanly_beside_each_xblock(wheel, tmp_path, pins):
    import json

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("\n".join(PINS[pins]) + "\n", encoding="utf-8")
    install = subprocess.run([python, "-m", "pip", "install", "-q", "-c", str(constraints), str(wheel)],
                             capture_output=True, text=True, check=False)
    assert install.returncode == 0, install.stderr
    check = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    found = json.loads(subprocess.run([python, "-c", OWNERS], capture_output=True, text=True, check=True)
                       .stdout.strip().splitlines()[-1])
    assert len(found["owners"]) == 1, found  # one distribution owns web_fragments
    if pins == "platform":
        assert found["xblock"] == "5.3.0" and found["owners"] == ["web-fragments"]
