"""Short-lived signed links to a source document, for the chat's "open het origineel".

A plain link cannot send the bearer token the /api routes need when PMG_API_KEY is set, so the chat (whose events
only run for a logged-in session) hands out links of the form ``/bron/<id>?exp=<unix time>&sig=<hmac>``: the
signature binds the document id, the passage and the expiry time, so a link opens only what the chat showed, for
a few hours, and no path of the server can be named in one. With a key the secret is derived from it (every
worker of one deployment accepts the others' links); without one it is random per process.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from urllib.parse import quote, urlencode

from assistant.settings import Settings

LINK_TTL_S = 8 * 3600  # a working day: a link in a chat left open still opens in the afternoon
PREFIX = "/bron"


class Links:
    def __init__(self, settings: Settings, ttl_s: int = LINK_TTL_S, clock=time.time) -> None:
        key = settings.api_key
        self.secret = (hmac.new(key.encode("utf-8", "surrogatepass"), b"pmg source links", hashlib.sha256).digest()
                       if key else secrets.token_bytes(32))
        self.ttl_s = ttl_s
        self.clock = clock

    def _sign(self, doc_id: str, chunk: str, quote_: str, exp: int) -> str:
        message = "\n".join((doc_id, chunk, quote_, str(exp))).encode("utf-8", "surrogatepass")
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()[:32]

    def url(self, doc_id: str, chunk: str = "", quote_: str = "", page: int | None = None) -> str:
        """A link to the document: its file at ``page`` for a PDF, else its text scrolled to passage ``chunk``
        with ``quote_`` highlighted."""
        exp = int(self.clock()) + self.ttl_s
        query = {"exp": exp, "sig": self._sign(doc_id, chunk, quote_, exp)}
        query |= ({"chunk": chunk} if chunk else {}) | ({"q": quote_} if quote_ else {})
        return f"{PREFIX}/{quote(doc_id, safe='')}?{urlencode(query)}" + (f"#page={page}" if page else "#passage")

    def valid(self, doc_id: str, chunk: str, quote_: str, exp: str, sig: str) -> bool:
        if not exp.isdigit() or len(exp) > 12 or int(exp) < self.clock():
            return False
        return hmac.compare_digest(self._sign(doc_id, chunk, quote_, int(exp)).encode(), (sig or "").encode())
