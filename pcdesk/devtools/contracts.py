"""The import-linter contracts, derived from the installed features (pcdesk.installed).

    python -m pcdesk.devtools.contracts > build/importlinter.toml
    lint-imports --config build/importlinter.toml

Deriving them means a new feature is held to every rule without anyone editing a list:
1. only UI modules (pcdesk.ui and each feature's ``ui`` package) import Qt;
2. the foundation imports no feature;
3. features do not import each other (the application pack reads them through registries);
4. inside a feature: ui above flow above service above model;
5. the store sits at the bottom: it imports no other part of pcdesk but the registry, and
   opening above migrate above backup above engine.
"""

from __future__ import annotations

import json
import pkgutil
import sys
from pathlib import Path

from pcdesk import registry

ROOT = Path(__file__).resolve().parents[1]
# Foundation modules the store may use (they import nothing from above the store).
STORE_MAY_USE = {"pcdesk.registry", "pcdesk.feature", "pcdesk.errors", "pcdesk.clock", "pcdesk.shipped"}
ENTRY = {"pcdesk.app", "pcdesk.__main__"}  # start the GUI lazily
# Imports that break a rule and are being moved (each names its issue); empty it, never grow it.
KNOWN_VIOLATIONS: set[str] = set()


def _children(package: str, folder: Path) -> list[str]:
    return sorted(f"{package}.{m.name}" for m in pkgutil.iter_modules([str(folder)]) if not m.name.startswith("__"))


def feature_packages() -> list[str]:
    return [f.package for f in registry.features() if f.name != "foundation"]


def foundation_modules() -> list[str]:
    features = set(feature_packages())
    return [m for m in _children("pcdesk", ROOT) if m not in features and m not in ENTRY]


def non_ui_modules() -> list[str]:
    found = [m for m in foundation_modules() if m != "pcdesk.ui"]
    for package in feature_packages():
        folder = ROOT / package.split(".", 1)[1]
        found += [m for m in _children(package, folder) if not m.endswith(".ui")]
    return found


def contracts() -> list[dict]:
    features = feature_packages()
    ui_packages = ["pcdesk.ui"] + [f"{p}.ui" for p in features if (ROOT / p.split(".", 1)[1] / "ui").is_dir()]
    found: list[dict] = [
        {"name": "Only UI modules import Qt (everything that decides is tested without a screen)",
         "type": "forbidden", "source_modules": non_ui_modules(),
         "forbidden_modules": ["PySide6", "shiboken6", *ui_packages]},
    ]
    if features:
        found.append({"name": "The foundation imports no feature (it reads them through pcdesk.registry)",
                      "type": "forbidden", "source_modules": foundation_modules(), "forbidden_modules": features})
        found.append({"name": "Inside a feature: ui above flow above service above model",
                      "type": "layers", "containers": features,
                      "layers": ["(ui)", "(flow)", "(service)", "(model)"]})
    if len(features) > 1:
        found.append({"name": "Features do not import each other", "type": "independence", "modules": features})
    store_forbidden = [m for m in foundation_modules()
                       if m not in STORE_MAY_USE and m != "pcdesk.store"] + features
    found.append({"name": "The store sits at the bottom", "type": "forbidden",
                  "source_modules": ["pcdesk.store"], "forbidden_modules": store_forbidden,
                  "allow_indirect_imports": "true"})
    found.append({"name": "Inside the store: opening above migrate above backup above engine",
                  "type": "layers",
                  "layers": ["pcdesk.store.opening", "pcdesk.store.migrate", "pcdesk.store.backup",
                             "pcdesk.store.engine"]})
    for contract in found:
        contract["ignore_imports"] = sorted(KNOWN_VIOLATIONS)
        contract["unmatched_ignore_imports_alerting"] = "none"
    return found


def _toml_value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if not (isinstance(value, str) and value in ("true", "false")) else value


def render() -> str:
    lines = ["[tool.importlinter]", 'root_package = "pcdesk"', "include_external_packages = true", ""]
    for contract in contracts():
        lines.append("[[tool.importlinter.contracts]]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in contract.items()]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render())
