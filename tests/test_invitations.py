"""Profile edits and collaboration invitations: who may, what changes, privacy,
duplicates and the daily limit."""

from __future__ import annotations

import asyncio

from researchgraph.graphstore.decisions import INVITATIONS_PER_DAY
from researchgraph.graphstore.records import GraphBatch, ResearcherRecord

from conftest import Api, ApiFactory, StoreFactory
from graphs import small_graph

CLAIM = "mutation($id: ID!) { claimResearcher(id: $id) { id } }"
UPDATE = """mutation($id: ID!, $input: ProfileInput!) {
  updateProfile(id: $id, input: $input) { id summary openToCollaborate links } }"""
PROFILE = "query($id: ID!) { researcher(id: $id) { summary openToCollaborate links } }"
SEND = """mutation($to: ID!, $message: String!) {
  sendCollaborationInvite(to: $to, message: $message) {
    id message status createdAt respondedAt from { id } to { id } } }"""
RESPOND = "mutation($id: ID!, $accept: Boolean!) { respondToInvite(id: $id, accept: $accept) { id status respondedAt } }"
WITHDRAW = "mutation($id: ID!) { withdrawInvite(id: $id) { id status } }"
MINE = """query($status: InvitationStatus) { viewer {
  sent: invitationsSent(status: $status) { totalCount edges { node { id status to { id } } } }
  received: invitationsReceived(status: $status) { totalCount edges { node { id status from { id } } } }
} }"""


def _code(body: dict[str, object]) -> str:
    return body["errors"][0]["extensions"]["code"]  # type: ignore[index,no-any-return]


async def _setup(store_factory: StoreFactory, api_for: ApiFactory) -> Api:
    """ada holds A1, bo holds A2 (open to collaborate), cy holds A3 (not open)."""
    api = await api_for(await store_factory(small_graph()))
    for user, record in (("ada", "A1"), ("bo", "A2"), ("cy", "A3")):
        await api.data(CLAIM, {"id": record}, user=user)
    return api


async def test_only_the_claimant_edits_the_profile(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await _setup(store_factory, api_for)
    before = await api.data(PROFILE, {"id": "A1"})
    changes = {
        "summary": "  Graph databases.  ",
        "openToCollaborate": True,
        "links": ["https://ada.example"],
    }
    assert _code(await api.post(UPDATE, {"id": "A1", "input": changes})) == "UNAUTHENTICATED"
    assert _code(await api.post(UPDATE, {"id": "A1", "input": changes}, user="bo")) == "FORBIDDEN"
    assert await api.data(PROFILE, {"id": "A1"}) == before
    done = await api.data(UPDATE, {"id": "A1", "input": changes}, user="ada")
    assert done["updateProfile"] == {
        "id": "A1",
        "summary": "Graph databases.",
        "openToCollaborate": True,
        "links": ["https://ada.example"],
    }
    cleared = await api.data(UPDATE, {"id": "A1", "input": {"summary": ""}}, user="ada")
    assert cleared["updateProfile"]["summary"] is None  # type: ignore[index]
    assert cleared["updateProfile"]["links"] == ["https://ada.example"]  # type: ignore[index]


async def test_profile_input_is_validated(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await _setup(store_factory, api_for)
    for bad in (
        {"summary": "x" * 281},
        {"links": ["javascript:alert(1)"]},
        {"links": [f"https://e.example/{i}" for i in range(6)]},
        {"links": ["https://e.example/" + "x" * 200]},
    ):
        body = await api.post(UPDATE, {"id": "A1", "input": bad}, user="ada")
        assert _code(body) == "BAD_USER_INPUT", bad
    assert (await api.data(PROFILE, {"id": "A1"}))["researcher"]["links"] == []  # type: ignore[index]


async def test_reimport_keeps_the_claimants_edits(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    store = await store_factory(small_graph())
    api = await api_for(store)
    await api.data(CLAIM, {"id": "A2"}, user="bo")
    await api.data(
        UPDATE, {"id": "A2", "input": {"summary": "Mine.", "openToCollaborate": False}}, user="bo"
    )
    await store.load(GraphBatch(researchers=[ResearcherRecord("A2", "Bo Example")]))
    assert (await api.data(PROFILE, {"id": "A2"}))["researcher"] == {
        "summary": "Mine.",
        "openToCollaborate": False,
        "links": [],
    }


async def test_invitation_lifecycle(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await _setup(store_factory, api_for)
    sent = (await api.data(SEND, {"to": "A2", "message": " Shall we? "}, user="ada"))[
        "sendCollaborationInvite"
    ]
    assert {k: sent[k] for k in ("message", "status", "respondedAt", "from", "to")} == {  # type: ignore[index]
        "message": "Shall we?",
        "status": "PENDING",
        "respondedAt": None,
        "from": {"id": "A1"},
        "to": {"id": "A2"},
    }
    invitation = sent["id"]  # type: ignore[index]
    assert invitation.startswith("V") and sent["createdAt"].endswith("+00:00")  # type: ignore[index]
    mine = (await api.data(MINE, {"status": "PENDING"}, user="ada"))["viewer"]
    assert mine["sent"]["totalCount"] == 1 and mine["received"]["totalCount"] == 0  # type: ignore[index]
    theirs = (await api.data(MINE, {}, user="bo"))["viewer"]
    assert theirs["received"]["edges"] == [  # type: ignore[index]
        {"node": {"id": invitation, "status": "PENDING", "from": {"id": "A1"}}}
    ]
    # Only the recipient answers; the sender cannot, nor can the anonymous.
    assert _code(await api.post(RESPOND, {"id": invitation, "accept": True})) == "UNAUTHENTICATED"
    assert (
        _code(await api.post(RESPOND, {"id": invitation, "accept": True}, user="ada"))
        == "NOT_FOUND"
    )
    answered = (await api.data(RESPOND, {"id": invitation, "accept": True}, user="bo"))[
        "respondToInvite"
    ]
    assert answered["status"] == "ACCEPTED" and answered["respondedAt"]  # type: ignore[index]
    assert (
        _code(await api.post(RESPOND, {"id": invitation, "accept": False}, user="bo")) == "CONFLICT"
    )
    assert _code(await api.post(WITHDRAW, {"id": invitation}, user="ada")) == "CONFLICT"


async def test_withdraw_is_the_senders_only(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await _setup(store_factory, api_for)
    invitation = (await api.data(SEND, {"to": "A2", "message": "Hi"}, user="ada"))[
        "sendCollaborationInvite"
    ]["id"]  # type: ignore[index]
    assert _code(await api.post(WITHDRAW, {"id": invitation}, user="bo")) == "NOT_FOUND"
    assert _code(await api.post(WITHDRAW, {"id": invitation})) == "UNAUTHENTICATED"
    done = await api.data(WITHDRAW, {"id": invitation}, user="ada")
    assert done["withdrawInvite"] == {"id": invitation, "status": "WITHDRAWN"}
    # Withdrawn: a new invitation to the same author is allowed again.
    assert (await api.data(SEND, {"to": "A2", "message": "Again"}, user="ada"))[
        "sendCollaborationInvite"
    ]


async def test_send_rules(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await _setup(store_factory, api_for)
    assert _code(await api.post(SEND, {"to": "A2", "message": "Hi"})) == "UNAUTHENTICATED"
    assert (
        _code(await api.post(SEND, {"to": "A2", "message": "Hi"}, user="nobody")) == "FORBIDDEN"
    )  # no claim
    assert (
        _code(await api.post(SEND, {"to": "A3", "message": "Hi"}, user="ada")) == "FORBIDDEN"
    )  # not open
    assert (
        _code(await api.post(SEND, {"to": "A4", "message": "Hi"}, user="ada")) == "FORBIDDEN"
    )  # unclaimed
    assert (
        _code(await api.post(SEND, {"to": "A1", "message": "Hi"}, user="ada")) == "BAD_USER_INPUT"
    )  # self
    assert _code(await api.post(SEND, {"to": "A999", "message": "Hi"}, user="ada")) == "NOT_FOUND"
    assert (
        _code(await api.post(SEND, {"to": "A2", "message": "   "}, user="ada")) == "BAD_USER_INPUT"
    )
    assert (
        _code(await api.post(SEND, {"to": "A2", "message": "x" * 1001}, user="ada"))
        == "BAD_USER_INPUT"
    )
    await api.data(SEND, {"to": "A2", "message": "Hi"}, user="ada")
    assert (
        _code(await api.post(SEND, {"to": "A2", "message": "Hi again"}, user="ada")) == "CONFLICT"
    )
    assert (await api.data(MINE, {}, user="ada"))["viewer"]["sent"]["totalCount"] == 1  # type: ignore[index]


async def test_daily_limit(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await _setup(store_factory, api_for)
    for i in range(INVITATIONS_PER_DAY):
        invitation = (await api.data(SEND, {"to": "A2", "message": f"n{i}"}, user="ada"))[
            "sendCollaborationInvite"
        ]["id"]  # type: ignore[index]
        await api.data(WITHDRAW, {"id": invitation}, user="ada")
    assert (
        _code(await api.post(SEND, {"to": "A2", "message": "one more"}, user="ada"))
        == "RATE_LIMITED"
    )
    assert (await api.data(MINE, {}, user="ada"))["viewer"]["sent"][
        "totalCount"
    ] == INVITATIONS_PER_DAY  # type: ignore[index]


async def test_invitations_are_private(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await _setup(store_factory, api_for)
    invitation = (await api.data(SEND, {"to": "A2", "message": "Private"}, user="ada"))[
        "sendCollaborationInvite"
    ]["id"]  # type: ignore[index]
    outsider = (await api.data(MINE, {}, user="cy"))["viewer"]
    assert outsider == {
        "sent": {"totalCount": 0, "edges": []},
        "received": {"totalCount": 0, "edges": []},
    }
    assert (
        _code(await api.post(RESPOND, {"id": invitation, "accept": False}, user="cy"))
        == "NOT_FOUND"
    )
    assert _code(await api.post(WITHDRAW, {"id": invitation}, user="cy")) == "NOT_FOUND"
    assert (await api.data(f'{{ node(id: "{invitation}") {{ id }} }}'))["node"] is None
    assert (await api.data(MINE, {"status": "PENDING"}, user="bo"))["viewer"]["received"][
        "totalCount"
    ] == 1  # type: ignore[index]


async def test_concurrent_sends_make_one_invitation(
    neo4j_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await _setup(neo4j_factory, api_for)
    bodies = await asyncio.gather(
        *(api.post(SEND, {"to": "A2", "message": f"m{i}"}, user="ada") for i in range(10))
    )
    assert sum(1 for b in bodies if not b.get("errors")) == 1
    assert {_code(b) for b in bodies if b.get("errors")} == {"CONFLICT"}
