"""What makes two article files the same article: the same canonical URL, else the same bytes.

The folder a file was loaded from says nothing about the article: the same
files loaded from a moved or copied folder are the same articles. Only when
neither URL nor bytes match does the path decide (a file edited in place).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which article it is.
_TRACKING = frozenset(("fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref", "share"))
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """The URL in one form for one article: https, host in lower case without www., no default port,
    no fragment, no trailing slash, no tracking parameters. Anything that is no web URL is kept as given."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:  # "http://[::1", a port out of range: not a URL to normalise
        return url
    if scheme not in _DEFAULT_PORTS or not host:
        return url
    host = host.removeprefix("www.")
    if port is not None and port not in _DEFAULT_PORTS.values():  # http and https are one: so are 80 and 443
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in _TRACKING]
    return urlunsplit(("https", host, parts.path.rstrip("/"), urlencode(sorted(query)), ""))
