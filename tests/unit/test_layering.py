"""Only pcdesk.ui imports Qt: every deciding module is usable and tested without a screen."""

import ast
import pathlib
import tomllib

import pcdesk

ROOT = pathlib.Path(pcdesk.__file__).parent
QT = ("PySide6", "shiboken6")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_module_outside_pcdesk_ui_imports_qt():
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] == "ui" or rel.parts == ("app.py",):  # app.py starts the GUI lazily
            continue
        for name in _imports(path):
            if name.split(".")[0] in QT or name.startswith("pcdesk.ui"):
                offenders.append(f"{rel}: {name}")
    assert offenders == []


def test_import_linter_contract_lists_every_non_ui_module():
    config = tomllib.loads((ROOT.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["importlinter"]["contracts"][0]["source_modules"])
    actual = set()
    for path in ROOT.iterdir():
        name = path.stem if path.suffix == ".py" else path.name
        if name.startswith("_") or name in {"ui", "app"} or name.endswith(".egg-info"):
            continue
        if path.suffix == ".py" or (path / "__init__.py").exists():
            actual.add(f"pcdesk.{name}")
    assert actual - listed == set(), "add these to [tool.importlinter] source_modules"
