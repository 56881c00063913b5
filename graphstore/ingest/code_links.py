"""The code repository a work points to, found in a URL or in prose (an abstract).

A code link is a link to a repository on a code host: at least an owner and a name
after the host (`github.com/owner/repo`), since `github.com/owner` is a profile and
`owner.github.io` a project page, not code. Abstracts carry LaTeX (`\\url{…}`, `\\_`)
and end sentences right after the link, so both are taken off."""

from __future__ import annotations

import re

CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "huggingface.co")
# Hugging Face names spaces and datasets with a kind first: /spaces/owner/name.
_KIND_PREFIXES = {"huggingface.co": ("spaces", "datasets", "models")}

_LINK = re.compile(
    # Not inside a longer host name (`pages.github.com`) or an e-mail address.
    r"(?<![\w.@-])(?:https?://)?(?:www\.)?"
    rf"(?P<host>{'|'.join(re.escape(h) for h in CODE_HOSTS)})"
    r"/(?P<path>[^\s{}<>\"'\\|^`\[\]]+)",
    re.IGNORECASE,
)
_LATEX_ESCAPES = re.compile(r"\\([_#%&~])")
_TRAILING = ".,;:!?)'\""


def _repository(host: str, path: str) -> str | None:
    path = path.split("#", 1)[0].split("?", 1)[0].rstrip(_TRAILING).rstrip("/")
    segments = [s for s in path.split("/") if s]
    wanted = 3 if segments and segments[0] in _KIND_PREFIXES.get(host, ()) else 2
    if len(segments) < wanted:
        return None
    return f"https://{host}/{'/'.join(segments)}"


def code_link(text: str | None) -> str | None:
    """The first repository link in `text`, as an https URL; None when there is none."""
    # Most texts name no code host: said by a substring search, without the patterns.
    if not text:
        return None
    lowered = text.lower()
    if not any(host in lowered for host in CODE_HOSTS):
        return None
    for found in _LINK.finditer(_LATEX_ESCAPES.sub(r"\1", text)):
        link = _repository(found["host"].lower(), found["path"])
        if link is not None:
            return link
    return None
