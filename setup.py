"""Legacy entry point; pyproject.toml is the source of truth and this file reads it."""

import re
from pathlib import Path

from setuptools import find_packages, setup

root = Path(__file__).parent
pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
dependency_block = pyproject.split("\ndependencies = [", 1)[1].split("]", 1)[0]
dependencies = re.findall(r'^\s*"([^"]+)",?\s*$', dependency_block, re.MULTILINE)
version = re.search(r'__version__ = "([^"]+)"', (root / "xs_leads" / "__init__.py").read_text()).group(1)

setup(
	name="xs_leads",
	version=version,
	packages=find_packages(exclude=("devtools*", "benchmarks*")),
	include_package_data=True,
	install_requires=dependencies,
	zip_safe=False,
)
