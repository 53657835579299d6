"""Results pages and exports of a workshop."""
