"""A throw-away feature for tests/unit/test_feature_contract.py: it proves a feature plugs
into the demo, the CLI, the ledgers, the schema and the main window through its manifest
alone, with no foundation file touched."""
