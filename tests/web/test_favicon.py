"""A favicon: /favicon.ico answers with the icon file and every page head links the icons."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

ICO_MAGIC = b"\x00\x00\x01\x00"  # reserved 0, type 1 (icon)


@pytest.mark.issue(15)
def test_favicon_ico_answers_with_the_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(ICO_MAGIC)  # type: ignore[attr-defined]


@pytest.mark.issue(15)
@pytest.mark.django_db
def test_the_page_head_links_the_icons(client: Client) -> None:
    head = client.get("/").content.decode().split("</head>", 1)[0]
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon)" href="([^"]+)"', head))
    assert len(re.findall(r'<link rel="icon"', head)) == 2  # the .ico and the SVG
    assert 'type="image/svg+xml"' in head and links["apple-touch-icon"].endswith(".png")
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png"):
        assert finders.find(f"web/{name}"), name
        assert f"/static/web/{name.rsplit('.', 1)[0]}" in head
