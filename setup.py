"""Ships the top-level forms/, resources/ and the user guide (docs/guide/) inside the package (pcdesk/_shipped/), so a
plain `pip install .` finds every ledger definition and template (see pcdesk/shipped.py).
Everything else about the package is in pyproject.toml."""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# shipped name → folder in the checkout: the one list, read from pcdesk/shipped.py without importing the package
SHIPPED = runpy.run_path(str(ROOT / "pcdesk" / "shipped.py"))["FOLDERS"]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store", "Thumbs.db")


class build_py_with_shipped(build_py):
    def run(self) -> None:
        if not self.editable_mode:
            # pip builds in the checkout's build/lib and setuptools only adds to it: a module or
            # migration deleted since the last build would still ship (a stale revision breaks
            # Alembic's graph). Start from an empty package every time.
            shutil.rmtree(Path(self.build_lib) / "pcdesk", ignore_errors=True)
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's folders directly
            return
        for name, folder in SHIPPED.items():
            target = Path(self.build_lib) / "pcdesk" / "_shipped" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / folder, target, ignore=SKIP)


setup(cmdclass={"build_py": build_py_with_shipped})
