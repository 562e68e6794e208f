"""Feeds and pages brought in: subscriptions (kept in the store), HTTP fetching, the
library folder entries are written into, OPML in and out. No Textual here: the commands
and the TUI are the callers."""
