"""Code links: the first repository on a code host, from a URL or from prose."""

from __future__ import annotations

import pytest

from researchgraph.graphstore.ingest import openalex
from researchgraph.graphstore.ingest.code_links import code_link

from product_page import page_works


@pytest.mark.parametrize(
    ("text", "link"),
    [
        # As the product page's abstracts end: a sentence's full stop, LaTeX \url{}.
        ("available at https://github.com/CDTrans/CDTrans.", "https://github.com/CDTrans/CDTrans"),
        (r"at \url{https://github.com/idstcv/CoKe}.", "https://github.com/idstcv/CoKe"),
        (r"code: \url{https://github.com/a/DR\_loss}", "https://github.com/a/DR_loss"),
        (r"\href{https://gitlab.com/g/p}{here}", "https://gitlab.com/g/p"),
        ("(see https://bitbucket.org/team/repo), and", "https://bitbucket.org/team/repo"),
        ("at codeberg.org/owner/name;", "https://codeberg.org/owner/name"),
        ("http://www.GitHub.com/Org/Repo/tree/main", "https://github.com/Org/Repo/tree/main"),
        ("https://github.com/a/b?tab=readme#usage", "https://github.com/a/b"),
        ("https://huggingface.co/spaces/org/demo.", "https://huggingface.co/spaces/org/demo"),
        ("https://huggingface.co/org/model", "https://huggingface.co/org/model"),
        # The first repository wins, after links that are not one.
        (
            "Project page: https://x.github.io/. Code: https://github.com/a/b and https://github.com/c/d",
            "https://github.com/a/b",
        ),
        # Not code: a project page, a profile, another site, a host inside a longer name.
        ("Project page: https://hyrsm-cvpr2022.github.io/.", None),
        ("by https://github.com/someone.", None),
        ("https://huggingface.co/spaces/org", None),
        ("http://www.pailitao.com} and https://example.org/a/b", None),
        ("https://pages.github.com/a/b", None),
        ("mail me@github.com/a/b", None),
        ("", None),
        (None, None),
    ],
)
def test_code_link(text: str | None, link: str | None) -> None:
    assert code_link(text) == link


def test_nine_of_the_product_pages_abstracts_name_a_repository() -> None:
    assert sum(1 for work in page_works() if code_link(work.abstract)) == 9


def test_a_location_on_a_code_host_comes_before_the_abstract() -> None:
    entity = {
        "id": "https://openalex.org/W1",
        "title": "T",
        "abstract_inverted_index": {"Code:": [0], "https://github.com/from/abstract": [1]},
        "locations": [
            {"landing_page_url": "https://arxiv.org/abs/2301.01234"},
            {"landing_page_url": "https://github.com/from/location"},
        ],
    }
    assert openalex.work(entity).works[0].code_url == "https://github.com/from/location"
    del entity["locations"]
    assert openalex.work(entity).works[0].code_url == "https://github.com/from/abstract"
