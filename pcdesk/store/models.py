"""Imports every feature's models (from the manifests) so that Base.metadata is complete
for Alembic, tests and create_all."""

import importlib

from pcdesk import registry
from pcdesk.store.base import Base


def load_all_models():  # -> MetaData
    for module in registry.model_modules():
        importlib.import_module(module)
    return Base.metadata


metadata = load_all_models()
