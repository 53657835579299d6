"""Facilitator dashboard and workshop set-up: territories, actor groups, settings."""
