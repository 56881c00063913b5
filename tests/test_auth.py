"""Bearer tokens: the good one is accepted; every kind of bad one is refused with 401
and UNAUTHENTICATED, never served as anonymous."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from researchgraph.graphstore.memory import MemoryStore
from researchgraph.server.app import create_app
from researchgraph.server.config import DEV_JWT_SECRET, Settings

from graphs import small_graph

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
VIEWER = "{ viewer { id } }"


def _claims(**overrides: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": "user-1",
        "iss": "researchgraph",
        "aud": "researchgraph-api",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks(tmp_path: Path, rsa_key: rsa.RSAPrivateKey) -> Path:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    public.update({"kid": "k1", "alg": "RS256", "use": "sig"})
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [public]}))
    return path


async def _ask(settings: Settings, authorization: str | None) -> httpx.Response:
    store = MemoryStore()
    await store.load(small_graph())
    app = create_app(settings, store=store)
    headers = {"authorization": authorization} if authorization is not None else {}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        return await client.post("/graphql", json={"query": VIEWER}, headers=headers)


def _settings(jwks: Path | None = None) -> Settings:
    return Settings(
        jwt_secret=SECRET,
        jwt_jwks_file=jwks,
        jwt_algorithms=("HS256", "RS256") if jwks else ("HS256",),
    )


async def test_no_token_is_anonymous() -> None:
    response = await _ask(_settings(), None)
    assert response.status_code == 200 and response.json()["data"] == {"viewer": None}


async def test_valid_hs256_and_rs256_tokens(jwks: Path, rsa_key: rsa.RSAPrivateKey) -> None:
    hs = jwt.encode(_claims(), SECRET, algorithm="HS256")
    assert (await _ask(_settings(jwks), f"Bearer {hs}")).json()["data"] == {
        "viewer": {"id": "user-1"}
    }
    rs = jwt.encode(_claims(sub="user-2"), rsa_key, algorithm="RS256", headers={"kid": "k1"})
    assert (await _ask(_settings(jwks), f"Bearer {rs}")).json()["data"] == {
        "viewer": {"id": "user-2"}
    }


def _unsigned(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def _tampered() -> str:
    header, payload, signature = jwt.encode(_claims(), SECRET, algorithm="HS256").split(".")
    forged = json.loads(base64.urlsafe_b64decode(payload + "=="))
    forged["sub"] = "admin"
    encoded = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
    return f"{header}.{encoded}.{signature}"


def _bad_tokens(rsa_key: rsa.RSAPrivateKey) -> dict[str, str]:
    public_pem = rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    other_ec = ec.generate_private_key(ec.SECP256R1())
    hs = {"algorithm": "HS256"}
    return {
        "expired": "Bearer " + jwt.encode(_claims(exp=int(time.time()) - 3600), SECRET, **hs),
        "not yet valid": "Bearer " + jwt.encode(_claims(nbf=int(time.time()) + 3600), SECRET, **hs),
        "wrong audience": "Bearer " + jwt.encode(_claims(aud="someone-else"), SECRET, **hs),
        "wrong issuer": "Bearer " + jwt.encode(_claims(iss="evil"), SECRET, **hs),
        "no subject": "Bearer " + jwt.encode(_claims(sub=None), SECRET, **hs),
        "alg none": "Bearer " + _unsigned(_claims()),
        # HS256 signed with the RSA public key: the classic algorithm confusion.
        "hs/rs confusion": "Bearer " + _hmac_with(public_pem),
        "tampered signature": "Bearer " + _tampered(),
        "wrong key": "Bearer " + jwt.encode(_claims(), "another-secret-another-secret-xx", **hs),
        "algorithm not allowed": "Bearer " + jwt.encode(_claims(), other_ec, algorithm="ES256"),
        "malformed header": "Bearer not.a.token",
        "not bearer": "Basic dXNlcjpwYXNz",
        "empty bearer": "Bearer ",
    }


def _hmac_with(key: bytes) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    signing_input = f"{part({'alg': 'HS256', 'typ': 'JWT', 'kid': 'k1'})}.{part(_claims())}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).decode().rstrip('=')}"


@pytest.mark.parametrize(
    "case",
    [
        "expired",
        "not yet valid",
        "wrong audience",
        "wrong issuer",
        "no subject",
        "alg none",
        "hs/rs confusion",
        "tampered signature",
        "wrong key",
        "algorithm not allowed",
        "malformed header",
        "not bearer",
        "empty bearer",
    ],
)
async def test_bad_tokens_are_refused(case: str, jwks: Path, rsa_key: rsa.RSAPrivateKey) -> None:
    response = await _ask(_settings(jwks), _bad_tokens(rsa_key)[case])
    assert response.status_code == 401
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert "data" not in response.json()


async def test_dev_secret_only_in_dev_mode() -> None:
    token = "Bearer " + jwt.encode(_claims(), DEV_JWT_SECRET, algorithm="HS256")
    production = Settings(neo4j_uri="bolt://unused:7687")  # no secret configured, not dev
    assert production.signing_secret is None
    assert (await _ask(production, token)).status_code == 401
    assert (await _ask(Settings(), token)).status_code == 200  # embedded demo = dev mode


def _token_command(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    researchgraph = Path(sys.executable).parent / "researchgraph"
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEO4J_", "JWT_", "RESEARCHGRAPH_"))
    }
    return subprocess.run(
        [str(researchgraph), "token", "--user", "dev-user"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_token_command_refuses_the_dev_secret_outside_dev_mode() -> None:
    refused = _token_command({"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert refused.returncode != 0 and "development secret" in refused.stderr
    minted = _token_command({"NEO4J_URI": "bolt://127.0.0.1:1", "RESEARCHGRAPH_DEV": "1"})
    assert minted.returncode == 0
    claims = jwt.decode(
        minted.stdout.strip(), DEV_JWT_SECRET, algorithms=["HS256"], audience="researchgraph-api"
    )
    assert claims["sub"] == "dev-user"
    own = _token_command({"NEO4J_URI": "bolt://127.0.0.1:1", "JWT_SECRET": SECRET})
    assert jwt.decode(
        own.stdout.strip(), SECRET, algorithms=["HS256"], audience="researchgraph-api"
    )


async def test_es256_from_a_jwks_file_and_rs256_from_a_jwks_url(
    tmp_path: Path, rsa_key: rsa.RSAPrivateKey
) -> None:
    ec_key = ec.generate_private_key(ec.SECP256R1())
    ec_public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(ec_key.public_key()))
    ec_public.update({"kid": "e1", "alg": "ES256"})
    jwks = tmp_path / "ec.json"
    jwks.write_text(json.dumps({"keys": [ec_public]}))
    settings = Settings(jwt_jwks_file=jwks, jwt_algorithms=("ES256",))
    token = jwt.encode(_claims(sub="ec-user"), ec_key, algorithm="ES256", headers={"kid": "e1"})
    assert (await _ask(settings, f"Bearer {token}")).json()["data"] == {"viewer": {"id": "ec-user"}}

    rs_public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    rs_public.update({"kid": "r1", "alg": "RS256"})
    body = json.dumps({"keys": [rs_public]}).encode()

    class Keys(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.HTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
        settings = Settings(jwt_jwks_url=url, jwt_algorithms=("RS256",))
        token = jwt.encode(
            _claims(sub="rs-user"), rsa_key, algorithm="RS256", headers={"kid": "r1"}
        )
        response = await _ask(settings, f"Bearer {token}")
        assert response.json()["data"] == {"viewer": {"id": "rs-user"}}
    finally:
        server.shutdown()
        server.server_close()
