"""The Privacy Mark application pack: every document an examiner asks for, in one folder.

Which documents there are is read from the installed features' ledgers that carry a
``pack`` number (pcdesk.feature.Ledger); the pack names no feature. See builder.py.
"""
