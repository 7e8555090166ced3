"""The user guide window (ヘルプ → 使い方ガイド, F1)."""
