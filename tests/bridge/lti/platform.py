"""A test LTI 1.3 platform: its own RSA keys, signed id_tokens, a JWKS and an OIDC endpoint on loopback."""
import html
import json
import secrets
import threading
import time
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
ACCESS_TOKEN = "nrps-access-token"


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        """Skip access logging."""


def new_key() -> tuple:
    """Return (private key, kid)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048), secrets.token_hex(6)


def _autopost(action: str, fields: dict) -> Response:
    inputs = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(str(v))}">'
                     for k, v in fields.items())
    body = (f'<!doctype html><html lang="en"><head><title>Moodle</title></head><body>'
            f'<form id="f" method="post" action="{html.escape(action)}">{inputs}</form>'
            f'<script>document.getElementById("f").submit()</script></body></html>')
    return Response(body, content_type="text/html")


class FakePlatform:
    """A Moodle-like LTI platform: `url` is its issuer; `users` maps login hints to claims."""

    def __init__(self, client_id="qser-tool", deployment_id="1"):
        self.client_id, self.deployment_id = client_id, deployment_id
        self.key, self.kid = new_key()
        self.old_keys = []
        self.jwks_requests = 0
        self.users = {}
        self.members = []  # the course roster served by the fake NRPS endpoint
        self.tool_jwks = None  # the tool's keyset, to check its client assertions
        self.tool_url = ""
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_Quiet)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def start(self):
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self):
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def registration(self, **extra) -> dict:
        """Return the data to register this platform in the tool."""
        return {"name": "Test Moodle", "issuer": self.url, "client_id": self.client_id,
                "deployment_ids": [self.deployment_id], "auth_login_url": f"{self.url}/auth",
                "auth_token_url": f"{self.url}/token", "jwks_url": f"{self.url}/jwks",
                "jit_enabled": False, "emails_verified": False} | extra

    def rotate(self):
        """Use a new signing key (the JWKS publishes only the new one)."""
        self.key, self.kid = new_key()

    def claims(self, nonce: str, sub="42", roles=(LEARNER,), message_type="LtiResourceLinkRequest", **extra):
        """Return the claims of a launch (Moodle-shaped)."""
        now = int(time.time())
        claims = {"iss": self.url, "aud": self.client_id, "sub": sub, "iat": now, "exp": now + 60, "nonce": nonce,
                  "given_name": "Lea", "family_name": "Learner", "email": "lea@example.org",
                  CLAIM + "deployment_id": self.deployment_id, CLAIM + "message_type": message_type,
                  CLAIM + "version": "1.3.0", CLAIM + "roles": list(roles),
                  CLAIM + "resource_link": {"id": "7", "title": "My tandem"},
                  CLAIM + "target_link_uri": f"{self.tool_url}/lti/launch",
                  CLAIM + "tool_platform": {"product_family_code": "moodle", "version": "2024100700"},
                  CLAIM + "custom": {"target": "tandem"},
                  CLAIM + "context": {"id": "3", "title": "Intercultural communication"},
                  NRPS: {"context_memberships_url": f"{self.url}/memberships", "service_versions": ["2.0"]}}
        claims.update(extra)
        return {k: v for k, v in claims.items() if v is not None}

    def sign(self, claims: dict, key=None, kid=None) -> str:
        """Return the claims signed as an id_token (with the platform's key unless told otherwise)."""
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def _jwks(self) -> dict:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [jwk | {"kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        if request.path == "/jwks":
            self.jwks_requests += 1
            response = Response(json.dumps(self._jwks()), content_type="application/json")
        elif request.path == "/auth":
            response = self._auth(request.args)
        elif request.path == "/start":
            response = self._start(request.args)
        elif request.path == "/token":
            response = self._token(request.form)
        elif request.path == "/memberships":
            response = self._memberships(request)
        else:
            response = Response("not found", status=404)
        return response(environ, start_response)

    def _start(self, args) -> Response:
        """Play Moodle's launch of an activity: auto-post the third-party login initiation to the tool."""
        return _autopost(f"{self.tool_url}/lti/login", {
            "iss": self.url, "login_hint": args["user"], "target_link_uri": f"{self.tool_url}/lti/launch",
            "lti_message_hint": args.get("target", "tandem"), "client_id": self.client_id,
            "lti_deployment_id": self.deployment_id})

    def _auth(self, args) -> Response:
        """Answer the OIDC authentication request with an auto-posted, signed id_token."""
        if args.get("client_id") != self.client_id or args.get("response_mode") != "form_post":
            return Response("invalid request", status=400)
        user = self.users[args["login_hint"]]
        claims = self.claims(args["nonce"], **user)
        claims[CLAIM + "custom"] = {"target": args.get("lti_message_hint", "tandem")}
        return _autopost(args["redirect_uri"], {"id_token": self.sign(claims), "state": args["state"]})

    def _token(self, form) -> Response:
        """Grant an access token for a client assertion signed with the tool's key."""
        assertion = form.get("client_assertion", "")
        try:
            key = jwt.PyJWKSet.from_dict(self.tool_jwks)[jwt.get_unverified_header(assertion)["kid"]]
            jwt.decode(assertion, key.key, algorithms=["RS256"], audience=f"{self.url}/token", issuer=self.client_id)
        except (jwt.PyJWTError, KeyError, TypeError):
            return Response(json.dumps({"error": "invalid_client"}), status=401, content_type="application/json")
        body = {"access_token": ACCESS_TOKEN, "token_type": "Bearer", "expires_in": 3600, "scope": form["scope"]}
        return Response(json.dumps(body), content_type="application/json")

    def _memberships(self, request) -> Response:
        """Serve the roster in two pages (rel="next"), for a valid access token only."""
        if request.headers.get("Authorization") != f"Bearer {ACCESS_TOKEN}":
            return Response("unauthorised", status=401)
        half = (len(self.members) + 1) // 2
        page = int(request.args.get("page", 1))
        members = self.members[:half] if page == 1 else self.members[half:]
        headers = {"Link": f'<{self.url}/memberships?page=2>; rel="next"'} if page == 1 else {}
        body = {"id": f"{self.url}/memberships", "context": {"id": "3"}, "members": members}
        media_type = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
        return Response(json.dumps(body), headers=headers, content_type=media_type)
