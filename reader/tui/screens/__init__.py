"""Screens: the library, an article, notes, bookmarks, and the modal dialogs."""
