"""`viewerCan` and `pendingInvitation`: the page's buttons in the same query, each
answered by the rule its mutation applies, batched like every field."""

from __future__ import annotations

import pytest

from conftest import Api, ApiFactory, StoreFactory
from graphs import small_graph

CAN = """query($id: ID!) { researcher(id: $id) {
  viewerCan { follow { allowed reason } claim { allowed reason }
              invite { allowed reason } edit { allowed reason } }
  pendingInvitation { id status to { id } } } }"""
CLAIM = "mutation($id: ID!) { claimResearcher(id: $id) { id } }"
FOLLOW = "mutation($id: ID!) { followResearcher(id: $id) { id } }"
SEND = """mutation($to: ID!) { sendCollaborationInvite(to: $to, message: "Shall we?") { id } }"""
UPDATE = """mutation($id: ID!) { updateProfile(id: $id, input: {summary: "Mine."}) { id } }"""
MUTATIONS = {"follow": FOLLOW, "claim": CLAIM, "invite": SEND, "edit": UPDATE}
ALLOWED = {"allowed": True, "reason": None}


def _no(reason: str) -> dict[str, object]:
    return {"allowed": False, "reason": reason}


async def _can(api: Api, record: str, user: str | None = None) -> dict[str, object]:
    found = (await api.data(CAN, {"id": record}, user=user))["researcher"]
    assert isinstance(found, dict)
    return found


async def test_an_anonymous_viewer_sees_the_product_pages_buttons(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    # "Follow researcher", "Log in to claim", "Claim this author entity first to unlock
    # direct invitations".
    assert await _can(api, "A3") == {
        "viewerCan": {
            "follow": _no("LOG_IN"),
            "claim": _no("LOG_IN"),
            "invite": _no("CLAIM_FIRST"),
            "edit": _no("LOG_IN"),
        },
        "pendingInvitation": None,
    }


async def test_each_reason_as_the_viewer_and_the_record_stand(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    # A signed-in viewer with no claim: may follow and claim, must claim to invite.
    assert (await _can(api, "A2", "ada"))["viewerCan"] == {
        "follow": ALLOWED,
        "claim": ALLOWED,
        "invite": _no("CLAIM_FIRST"),
        "edit": _no("NOT_CLAIMANT"),
    }
    for user, record in (("ada", "A1"), ("bo", "A2")):
        await api.data(CLAIM, {"id": record}, user=user)
    assert (await _can(api, "A1", "ada"))["viewerCan"] == {
        "follow": _no("SELF"),
        "claim": _no("ALREADY_YOURS"),
        "invite": _no("SELF"),
        "edit": ALLOWED,
    }
    # A2 is claimed by bo and open to collaborate; A3 is unclaimed.
    assert (await _can(api, "A2", "ada"))["viewerCan"] == {
        "follow": ALLOWED,
        "claim": _no("ALREADY_CLAIMED"),
        "invite": ALLOWED,
        "edit": _no("NOT_CLAIMANT"),
    }
    assert (await _can(api, "A3", "ada"))["viewerCan"]["invite"] == _no("NOT_CLAIMED")  # type: ignore[index]
    assert (await _can(api, "A3", "ada"))["viewerCan"]["claim"] == _no("YOU_HOLD_ANOTHER")  # type: ignore[index]
    await api.data(CLAIM, {"id": "A3"}, user="cy")
    assert (await _can(api, "A3", "ada"))["viewerCan"]["invite"] == _no("NOT_OPEN")  # type: ignore[index]

    sent = (await api.data(SEND, {"to": "A2"}, user="ada"))["sendCollaborationInvite"]
    after = await _can(api, "A2", "ada")
    assert after["viewerCan"]["invite"] == _no("ALREADY_INVITED")  # type: ignore[index]
    assert after["pendingInvitation"] == {"id": sent["id"], "status": "PENDING", "to": {"id": "A2"}}  # type: ignore[index]
    # The invitation is the viewer's: its recipient and others see none pending.
    assert (await _can(api, "A2", "bo"))["pendingInvitation"] is None
    assert (await _can(api, "A2"))["pendingInvitation"] is None


@pytest.mark.parametrize("user", [None, "ada", "bo"])
async def test_a_button_never_offers_what_its_mutation_refuses(
    store_factory: StoreFactory, api_for: ApiFactory, user: str | None
) -> None:
    api = await api_for(await store_factory(small_graph()))
    await api.data(CLAIM, {"id": "A2"}, user="bo")
    await api.data(CLAIM, {"id": "A3"}, user="cy")
    if user == "ada":
        await api.data(CLAIM, {"id": "A1"}, user="ada")
    for record in ("A1", "A2", "A3", "A4"):
        for action, mutation in MUTATIONS.items():
            ability = (await _can(api, record, user))["viewerCan"][action]  # type: ignore[index]
            answer = await api.post(mutation, {"id": record, "to": record}, user=user)
            # Claiming one's own record again is a no-op the mutation accepts.
            if ability["reason"] != "ALREADY_YOURS":
                assert ("errors" not in answer) is ability["allowed"], (record, action, answer)


async def test_abilities_and_pending_invitations_of_a_list_cost_two_round_trips(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    await api.data(CLAIM, {"id": "A1"}, user="ada")
    plain = "{ researchers(first: 4) { edges { node { id } } } }"
    buttons = """{ researchers(first: 4) { edges { node { id
        viewerCan { follow { allowed } claim { allowed } invite { allowed } edit { allowed } }
        pendingInvitation { id } } } } }"""
    calls = []
    for document in (plain, buttons):
        body = await api.post(document, user="ada")
        assert "errors" not in body
        calls.append(body["extensions"]["storeCalls"])  # type: ignore[index]
    # The viewer's claim, and every record's invitation facts in one batch.
    assert calls[1] - calls[0] == 2
