"""Ledgers and printed forms: one definition in forms/, rendered to Excel and PDF."""
