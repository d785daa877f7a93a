"""Platform public keys: one cached JWKS client per URL; an unknown key id refetches the set once."""
import threading

import jwt
from flask import current_app

_clients: dict[str, jwt.PyJWKClient] = {}
_lock = threading.Lock()


def _client(url: str) -> jwt.PyJWKClient:
    """Return the cached JWKS client for a URL (the cooldown stops floods of made-up key ids)."""
    with _lock:
        client = _clients.get(url)
        if client is None:
            cfg = current_app.config
            client = jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=cfg["LTI_JWKS_CACHE_SECONDS"], timeout=10,
                                     cooldown_duration=cfg["LTI_JWKS_REFETCH_COOLDOWN"])
            _clients[url] = client
        return client


def signing_key(url: str, token: str):
    """Return the platform's public key that signed the token (PyJWKClient refetches on an unknown kid)."""
    return _client(url).get_signing_key_from_jwt(token).key


def forget(url: str) -> None:
    """Drop the cached keys of a URL (a platform's JWKS address changed)."""
    with _lock:
        _clients.pop(url, None)
