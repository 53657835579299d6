"""Workshops: territories, actor groups, sessions, the participant flow, results."""
