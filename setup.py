"""Packaging for community_xblock.

``static/``, ``templates/`` and ``translations/`` live at the repository root (the design card's layout) but
the XBlock runtime and the LMS read assets and catalogs from inside the installed package, so they are mapped
as sub-packages: a wheel holds ``community_xblock/static/...`` and so on, and an editable install finds them
through the same ``importlib.resources`` call.
"""
import os
import re

from setuptools import find_packages, setup


def package_files(root):
    """Every file under ``root``, relative to it (package_data wants relative paths)."""
    found = []
    for directory, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith((".pyc", ".pyo")):
                continue
            found.append(os.path.relpath(os.path.join(directory, name), root))
    return found


def version():
    """The version, written once in ``community_xblock/__init__.py``."""
    with open(os.path.join("community_xblock", "__init__.py"), encoding="utf-8") as handle:
        return re.search(r'^__version__ = "([^"]+)"', handle.read(), re.MULTILINE).group(1)


def requirements(path):
    """The ranges of a requirements/*.in file (pip options such as -c and -r are not requirements)."""
    with open(path, encoding="utf-8") as handle:
        lines = [line.split("#")[0].strip() for line in handle]
    return [line for line in lines if line and not line.startswith("-")]


with open("README.md", encoding="utf-8") as readme:
    LONG_DESCRIPTION = readme.read()

setup(
    name="community-xblock",
    version=version(),
    description="A community space for every Open edX course unit, linked to the unit's content.",
    long_description=LONG_DESCRIPTION,
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    python_requires=">=3.11",
    packages=[
        *find_packages(include=["community_xblock", "community_xblock.*"]),
        "community_xblock.static",
        "community_xblock.templates",
        "community_xblock.translations",
    ],
    package_dir={
        "community_xblock": "community_xblock",
        "community_xblock.static": "static",
        "community_xblock.templates": "templates",
        "community_xblock.translations": "translations",
    },
    package_data={
        "community_xblock.static": package_files("static"),
        "community_xblock.templates": package_files("templates"),
        "community_xblock.translations": package_files("translations"),
    },
    install_requires=requirements("requirements/base.in"),
    entry_points={
        "xblock.v1": ["community = community_xblock:CommunityXBlock"],
        "lms.djangoapp": ["community_xblock = community_xblock.apps:CommunityXBlockConfig"],
        "cms.djangoapp": ["community_xblock = community_xblock.apps:CommunityXBlockConfig"],
    },
    classifiers=[
        "Framework :: Django",
        "License :: OSI Approved :: GNU Affero General Public License v3",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
    ],
)
