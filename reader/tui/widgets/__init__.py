"""Widgets, one job each: the article list, the article body, the entity panel, bars."""
