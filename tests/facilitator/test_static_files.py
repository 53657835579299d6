"""Phones keep the style sheet and scripts instead of asking again at every page."""

import re

from facilitator.static_files import ONE_YEAR, file_version


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_pages_link_versioned_assets_kept_for_a_year(client):
    urls = _asset_urls(client.get("/").get_data(as_text=True))
    assert urls
    for url in urls:
        assert re.search(r"\?v=[0-9a-f]{12}$", url), url
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.cache_control.max_age == ONE_YEAR


def test_bare_asset_address_is_checked_again(client):
    """A page cached before an upgrade asks without the version: it must not
    keep an old script for a year."""
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
        assert response.cache_control.max_age is None
        assert response.cache_control.no_cache


def test_a_changed_file_gets_a_new_address(tmp_path):
    asset = tmp_path / "app.js"
    asset.write_text("console.log(1);")
    first = file_version(asset)
    asset.write_text("console.log(2); // changed")
    assert file_version(asset) != first
    assert file_version(tmp_path / "missing.js") == ""
