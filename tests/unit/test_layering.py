"""Only UI modules import Qt, and the contracts lint-imports checks cover every module."""

import ast
import pathlib

import pcdesk
from pcdesk.devtools import contracts

ROOT = pathlib.Path(pcdesk.__file__).parent
QT = ("PySide6", "shiboken6")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def _is_ui(rel: pathlib.PurePath) -> bool:
    return "ui" in rel.parts[:-1] or rel.parts == ("app.py",)  # app.py starts the GUI lazily


def test_no_module_outside_a_ui_package_imports_qt():
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if _is_ui(rel) or rel.parts[0] == "_shipped":
            continue
        for name in _imports(path):
            if name.split(".")[0] in QT or name.startswith("pcdesk.ui") or ".ui." in f"{name}.":
                offenders.append(f"{rel}: {name}")
    assert offenders == []


def test_the_qt_contract_names_every_module_outside_ui():
    listed = set(contracts.non_ui_modules())
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if _is_ui(rel) or rel.parts[0] in {"_shipped"} or rel.name == "__main__.py":
            continue
        if "migrations" in rel.parts:  # Alembic scripts, loaded by file path
            continue
        dotted = ("pcdesk." + ".".join(rel.with_suffix("").parts)).removesuffix(".__init__")
        if dotted in ("pcdesk", "pcdesk.app") or dotted in contracts.feature_packages():
            continue  # a feature's __init__ is its docstring (the AST test above still reads it)
        assert any(dotted == m or dotted.startswith(m + ".") for m in listed), dotted


def test_the_foundation_modules_name_no_feature():
    features = [p.removeprefix("pcdesk.") for p in contracts.feature_packages()]
    allowed = {"installed.py"}  # the one list of features
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in features or rel.parts[0] in {"_shipped", "devtools"} or rel.name in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{rel}: pcdesk.{f}" for f in features if f"pcdesk.{f}" in text]
    assert offenders == []


def test_known_violations_only_shrink():
    assert len(contracts.KNOWN_VIOLATIONS) <= 2
