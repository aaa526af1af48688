"""The one cleaning of HTML written by people (défis' pages from the public site, the coaches' resources), before a
page shows it: only the tags and attributes the caller allows stay, dangerous tags go with everything inside them,
links keep web and mail schemes only and open no window onto Magellan (nh3, the Rust `ammonia` sanitiser)."""

import nh3

# Tags removed with everything inside them, not only the tag itself.
BALISES_VIDEES = {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select"}


def html_nettoyer(html: str, *, balises: set[str], attributs: dict[str, set[str]]) -> str:
    """`html` with only `balises` and their `attributs` left: no script, no style, no event attribute."""
    return nh3.clean(
        html,
        tags=balises,
        clean_content_tags=BALISES_VIDEES,
        attributes=attributs,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
