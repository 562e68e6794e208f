"""The Textual app. Only this package imports Textual (ARCHITECTURE.md §1)."""
