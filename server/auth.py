"""Bearer-token authentication at the HTTP edge.

A request without `Authorization` is anonymous. A request with one must carry a
valid JWT: an allowed algorithm (never `none`; HMAC only with the configured secret,
RSA/EC only with keys from the configured JWKS, so one family's key can never verify
the other's), a good signature, `exp`/`nbf` in force, and the configured `iss` and
`aud`. Anything else is refused with 401 and `UNAUTHENTICATED`, never treated as
anonymous. The token's `sub` is the user's id."""

from __future__ import annotations

import asyncio
import time

import jwt
from starlette.types import ASGIApp, Receive, Scope, Send

from researchgraph.resolvers.errors import Unauthenticated
from researchgraph.server.config import Settings
from researchgraph.server.errors import error_response

_HMAC = frozenset({"HS256", "HS384", "HS512"})
_ASYMMETRIC = frozenset({"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256"})
LEEWAY_S = 30
MAX_USER_ID_LENGTH = 128


class Authenticator:
    def __init__(self, settings: Settings) -> None:
        unknown = set(settings.jwt_algorithms) - _HMAC - _ASYMMETRIC
        if unknown:
            raise ValueError(f"unsupported JWT algorithms: {sorted(unknown)}")
        self.settings = settings
        # Keys are read once: the file at start-up, the URL cached for five minutes.
        self._file_keys = (
            jwt.PyJWKSet.from_json(settings.jwt_jwks_file.read_text()).keys
            if settings.jwt_jwks_file is not None
            else None
        )
        self._url_keys = (
            jwt.PyJWKClient(settings.jwt_jwks_url, cache_jwk_set=True, lifespan=300)
            if settings.jwt_jwks_url is not None
            else None
        )

    async def _key(self, token: str, algorithm: str) -> object:
        if algorithm in _HMAC:
            if self.settings.signing_secret is None:
                raise Unauthenticated("HMAC tokens are not accepted: no secret is configured")
            return self.settings.signing_secret
        if self._file_keys is not None:
            kid = jwt.get_unverified_header(token).get("kid")
            for key in self._file_keys:
                if kid is None or key.key_id == kid:
                    return key.key
            raise Unauthenticated("no key in the JWKS matches the token's `kid`")
        if self._url_keys is not None:
            # The client fetches with blocking I/O (when its cache is cold): off the loop.
            found = await asyncio.to_thread(self._url_keys.get_signing_key_from_jwt, token)
            return found.key
        raise Unauthenticated("asymmetric tokens are not accepted: no JWKS is configured")

    async def user_id(self, authorization: str) -> str:
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("expected `Authorization: Bearer <token>`")
        try:
            algorithm = jwt.get_unverified_header(token).get("alg", "")
            if algorithm not in self.settings.jwt_algorithms:
                raise Unauthenticated(f"algorithm {algorithm!r} is not accepted")
            claims = jwt.decode(
                token,
                await self._key(token, algorithm),  # type: ignore[arg-type]
                algorithms=[algorithm],
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                leeway=LEEWAY_S,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"invalid token: {error}") from None
        subject = claims["sub"]
        if not isinstance(subject, str) or not 0 < len(subject) <= MAX_USER_ID_LENGTH:
            raise Unauthenticated("the token's `sub` is not a usable user id")
        return subject

    def mint(self, user_id: str, minutes: int) -> str:
        """A dev token for `user_id` (HS256 with the configured or dev secret)."""
        secret = self.settings.signing_secret
        if secret is None:
            raise ValueError("no HS256 secret: set JWT_SECRET, or RESEARCHGRAPH_DEV=1")
        now = int(time.time())
        claims = {
            "sub": user_id,
            "iss": self.settings.jwt_issuer,
            "aud": self.settings.jwt_audience,
            "iat": now,
            "nbf": now,
            "exp": now + minutes * 60,
        }
        return jwt.encode(claims, secret, algorithm="HS256")


class AuthMiddleware:
    """Puts the viewer's user id (or None) in `scope["state"]["viewer_id"]`; answers
    401 `UNAUTHENTICATED` itself for credentials it cannot accept."""

    def __init__(self, app: ASGIApp, authenticator: Authenticator) -> None:
        self.app = app
        self.authenticator = authenticator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        authorization = headers.get(b"authorization")
        viewer_id = None
        if authorization is not None:
            try:
                viewer_id = await self.authenticator.user_id(authorization.decode("latin-1"))
            except Unauthenticated as error:  # present but not acceptable
                response = error_response(
                    401,
                    error.message,
                    error.code,
                    headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
                await response(scope, receive, send)
                return
        scope.setdefault("state", {})["viewer_id"] = viewer_id
        await self.app(scope, receive, send)
