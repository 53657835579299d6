"""Small security helpers shared by the features."""

from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """Return ``target`` only when it stays on this site (no scheme, no host)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return None
    if target.startswith("//") or "\\" in target:
        return None
    return target
