"""The product's example profile page (fixtures/product/profile-page.txt), imported
from OpenAlex-shaped records and read over HTTP as the page reads it."""

from __future__ import annotations

import json
from pathlib import Path

from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.records import GraphBatch

from conftest import ApiFactory, StoreFactory
from product_page import AUTHOR_ID, openalex_works, page_works

PAGE = """query($id: ID!) { researcher(id: $id) {
  name claimed affiliation { id }
  trust { score band verificationLevel claimed }
  counts { works followers topics closeCollaborators }
  viewerCan { follow { allowed reason } claim { allowed reason }
              invite { allowed reason } }
  works(first: 50) { totalCount edges { node { title year type venue { name } codeUrl } } }
} }"""
# The repository links of the page's nine abstracts that name one; the HyRSM
# abstract's project page (hyrsm-cvpr2022.github.io) is not one.
CODE_LINKS = {
    "HyRSM++: Hybrid Relation Guided Temporal Set Matching for Few-shot Action Recognition": (
        "https://github.com/alibaba-mmai-research/HyRSMPlusPlus"
    ),
    "CDTrans: Cross-domain Transformer for Unsupervised Domain Adaptation": (
        "https://github.com/CDTrans/CDTrans"
    ),
    "Effective Model Sparsification by Scheduled Grow-and-Prune Methods": (
        "https://github.com/boone891214/GaP"
    ),
    "FEDformer: Frequency Enhanced Decomposed Transformer for Long-term Series Forecasting": (
        "https://github.com/MAZiqing/FEDformer"
    ),
    "MAE-DET: Revisiting Maximum Entropy Principle in Zero-Shot NAS for Efficient Object "
    "Detection": "https://github.com/alibaba/lightweight-neuralarchitecture-search",
    "Unsupervised Visual Representation Learning by Online Constrained K-Means": (
        "https://github.com/idstcv/CoKe"
    ),
    "DR Loss: Improving Object Detection by Distributional Ranking": (
        "https://github.com/idstcv/DR_loss"
    ),
    "Neural Architecture Design for GPU-Efficient Networks": (
        "https://github.com/idstcv/GPU-Efficient-Networks"
    ),
    "SoftTriple Loss: Deep Metric Learning Without Triplet Sampling": (
        "https://github.com/idstcv/SoftTriple"
    ),
}


async def test_the_example_page_reads_as_the_product_shows_it(
    store_factory: StoreFactory, api_for: ApiFactory, tmp_path: Path
) -> None:
    records = tmp_path / "works-product-page.jsonl"
    records.write_text("".join(json.dumps(w) + "\n" for w in openalex_works()))
    store = await store_factory(GraphBatch())
    report = await import_files(store, [records])
    assert report.bad_count == 0
    researcher = (await (await api_for(store)).data(PAGE, {"id": AUTHOR_ID}))["researcher"]
    works = researcher.pop("works")  # type: ignore[union-attr]
    # "Trust 21 - Emerging, Verification L1, Unclaimed author"; "Affiliation not
    # imported"; 29 works, 0 followers, 7 topics, 4 close collaborators; "Follow",
    # "Log in to claim", "Claim this author entity first to unlock direct invitations".
    assert researcher == {
        "name": "Rong Jin",
        "claimed": False,
        "affiliation": None,
        "trust": {"score": 21, "band": "EMERGING", "verificationLevel": "L1", "claimed": False},
        "counts": {"works": 29, "followers": 0, "topics": 7, "closeCollaborators": 4},
        "viewerCan": {
            "follow": {"allowed": False, "reason": "LOG_IN"},
            "claim": {"allowed": False, "reason": "LOG_IN"},
            "invite": {"allowed": False, "reason": "CLAIM_FIRST"},
        },
    }
    shown = {(w.title, w.year, w.venue) for w in page_works()}
    nodes = [edge["node"] for edge in works["edges"]]  # type: ignore[index]
    assert works["totalCount"] == 29  # type: ignore[index]
    assert {(n["title"], n["year"], n["venue"]["name"]) for n in nodes} == shown
    assert {n["type"] for n in nodes} == {"PREPRINT"}
    assert {n["title"]: n["codeUrl"] for n in nodes if n["codeUrl"]} == CODE_LINKS
