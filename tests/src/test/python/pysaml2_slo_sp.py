#!/usr/bin/python3
"""An independent SAML service provider with single logout: Debian's python3-pysaml2 (signatures made and checked
with xmlsec1), registered at the IdP from the metadata it writes itself. It plays the SP and the browser against a
running IdP on 127.0.0.1, and prints what it saw as JSON on stdout; a refusal exits 3 with the reason on stderr.

    /usr/bin/python3 pysaml2_slo_sp.py metadata <sp-key.pem> <sp-cert.pem> <binding>
    /usr/bin/python3 pysaml2_slo_sp.py sp-initiated|idp-initiated <idp-base-url> <idp-metadata.xml> \
        <sp-key.pem> <sp-cert.pem> <binding> <user> <password>

<binding> is the SP's SingleLogoutService binding: redirect or post. Both flows first sign in by SP-initiated SSO
(an HTTP-Redirect AuthnRequest, the response posted back and accepted by pysaml2). sp-initiated: pysaml2 sends its
signed LogoutRequest and checks the IdP's LogoutResponse (the signature with the IdP metadata's certificate,
InResponseTo, status). idp-initiated: the IdP's sign-out button; pysaml2 checks the IdP's signed LogoutRequest,
answers with its signed LogoutResponse, and the IdP's last page is read.

Only 127.0.0.1 is ever connected to: any other address fails.
"""
import base64
import html
import http.cookiejar
import json
import re
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request

SP_ENTITY_ID = "https://pysaml2-sp.example.test/saml"
ACS = "https://pysaml2-sp.example.test/acs"
SLO = "https://pysaml2-sp.example.test/slo"
XMLSEC1 = "/usr/bin/xmlsec1"
LOOPBACK = ("127.0.0.1",)

_connect = socket.socket.connect
_getaddrinfo = socket.getaddrinfo


def loopback_connect(sock, address):
    if not isinstance(address, tuple) or address[0] not in LOOPBACK:
        raise RuntimeError("pysaml2_slo_sp.py connects only to 127.0.0.1 (attempted: %r)" % (address,))
    return _connect(sock, address)


def loopback_getaddrinfo(host, *args, **kwargs):
    if host not in LOOPBACK:
        raise RuntimeError("pysaml2_slo_sp.py resolves no names (attempted: %r)" % (host,))
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = loopback_connect
socket.getaddrinfo = loopback_getaddrinfo

# imported after the network guard on purpose
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT  # noqa: E402
from saml2.client import Saml2Client  # noqa: E402
from saml2.config import SPConfig  # noqa: E402
from saml2.metadata import entity_descriptor  # noqa: E402
from saml2.saml import NAMEID_FORMAT_PERSISTENT  # noqa: E402
from saml2.sigver import RSACrypto, verify_redirect_signature  # noqa: E402
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256  # noqa: E402

BINDINGS = {"redirect": BINDING_HTTP_REDIRECT, "post": BINDING_HTTP_POST}


def config(key, cert, binding, idp_metadata=None):
    conf = {
        "entityid": SP_ENTITY_ID,
        "xmlsec_binary": XMLSEC1,
        "key_file": key,
        "cert_file": cert,
        "allow_unknown_attributes": True,
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
        "service": {"sp": {
            "endpoints": {
                "assertion_consumer_service": [(ACS, BINDING_HTTP_POST)],
                "single_logout_service": [(SLO, BINDINGS[binding])],
            },
            "name_id_format": [NAMEID_FORMAT_PERSISTENT],
            "want_assertions_signed": True,
            "want_response_signed": False,
            "authn_requests_signed": False,
            "logout_requests_signed": True,
            "logout_responses_signed": True,
        }},
    }
    if idp_metadata:
        conf["metadata"] = {"local": [idp_metadata]}
    sp = SPConfig()
    sp.load(conf)
    return sp


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())

    def fetch(self, url, form=None):
        data = urllib.parse.urlencode(form).encode("ascii") if form is not None else None
        try:
            with self.opener.open(url, data, timeout=30) as r:
                return r.status, r.headers, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8")


def hidden(page, name):
    m = re.search(r'name="%s" value="([^"]*)"' % re.escape(name), page)
    return html.unescape(m.group(1)) if m else None


def form_action(page):
    return html.unescape(re.search(r'<form[^>]* action="([^"]*)"', page).group(1))


def expect(condition, reason):
    if not condition:
        raise ValueError(reason)


def sign_in(browser, client, base, idp_entity, user, password):
    status, _, page = browser.fetch(base + "/login")
    csrf = hidden(page, "csrf")
    status, _, page = browser.fetch(base + "/login", {"username": user, "password": password, "csrf": csrf})
    expect(status == 303, "login failed: %s" % status)
    request_id, info = client.prepare_for_authenticate(entityid=idp_entity, binding=BINDING_HTTP_REDIRECT,
                                                       relay_state="pysaml2-sso")
    location = dict(info["headers"])["Location"]
    status, _, page = browser.fetch(location)
    expect(status == 200, "the AuthnRequest was refused (%s): %s" % (status, page[:500]))
    response = client.parse_authn_request_response(hidden(page, "SAMLResponse"), BINDING_HTTP_POST,
                                                   outstanding={request_id: "/"})
    expect(response is not None, "no sign-in response")
    return response.name_id, response.session_info()["session_index"]


def received(status, headers, page, typ):
    """The SAML message the IdP sent through the browser: (binding, message, relay_state, query)."""
    if status == 303:
        location = headers["Location"]
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
        return BINDING_HTTP_REDIRECT, query[typ], query.get("RelayState"), query, location
    expect(status == 200 and hidden(page, typ), "the IdP answered %s: %s" % (status, page[:500]))
    return BINDING_HTTP_POST, hidden(page, typ), hidden(page, "RelayState"), None, form_action(page)


def check_signature(client, binding, message, query, typ, idp_cert):
    """Verifies the IdP's signature independently of the SP's message parsing (which tolerates unsigned ones)."""
    if binding == BINDING_HTTP_REDIRECT:
        expect(verify_redirect_signature(query, RSACrypto(None), cert=idp_cert),
               "the %s's query signature does not verify" % typ)
    else:
        xml = base64.b64decode(message).decode("utf-8")
        check = (client.sec.correctly_signed_logout_response if typ == "SAMLResponse"
                 else client.sec.correctly_signed_logout_request)
        expect(check(xml, must=True), "the %s's signature does not verify" % typ)


def send(browser, binding, info):
    if binding == BINDING_HTTP_REDIRECT:
        return browser.fetch(dict(info["headers"])["Location"])
    page = info["data"]
    fields = {name: html.unescape(value) for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', page)}
    return browser.fetch(form_action(page), fields)


def idp_certificate(client, idp_entity):
    return client.metadata.certs(idp_entity, "idpsso", use="signing")[0]


def sp_initiated(browser, client, idp_entity, name_id, session_index, slo_binding):
    responses = client.do_logout(name_id, [idp_entity], reason="", expire=None, sign=True,
                                 expected_binding=slo_binding, sign_alg=SIG_RSA_SHA256,
                                 digest_alg=DIGEST_SHA256)
    binding, info = responses[idp_entity]
    status, headers, page = send(browser, binding, info)
    binding, message, relay_state, query, destination = received(status, headers, page, "SAMLResponse")
    check_signature(client, binding, message, query, "SAMLResponse", idp_certificate(client, idp_entity))
    response = client.parse_logout_request_response(message, binding)
    expect(response is not None, "the LogoutResponse was not accepted")
    expect(response.in_response_to in client.state, "InResponseTo names no LogoutRequest of ours")
    client.handle_logout_response(response)
    return {
        "binding": binding,
        "destination": destination,
        "issuer": response.response.issuer.text,
        "status": response.response.status.status_code.value,
        "inResponseToOurRequest": True,
        "relayStateReturned": relay_state is not None,
        "signatureVerified": True,
        "loggedOutLocally": not client.is_logged_in(name_id),
        "sessionIndex": session_index,
    }


def idp_initiated(browser, client, base, idp_entity, name_id, session_index):
    status, _, page = browser.fetch(base + "/logout")
    status, headers, page = browser.fetch(base + "/logout", {"csrf": hidden(page, "csrf")})
    binding, message, relay_state, query, destination = received(status, headers, page, "SAMLRequest")
    check_signature(client, binding, message, query, "SAMLRequest", idp_certificate(client, idp_entity))
    request = client.parse_logout_request(message, binding)
    expect(request is not None, "the LogoutRequest was not accepted")
    named = request.message.name_id.text
    indexes = [i.text for i in request.message.session_index]
    info = client.handle_logout_request(message, name_id, binding, sign=True, sign_alg=SIG_RSA_SHA256,
                                        digest_alg=DIGEST_SHA256, relay_state=relay_state)
    status, _, page = send(browser, binding, info)
    expect(status == 200, "the IdP refused our LogoutResponse (%s): %s" % (status, page[:500]))
    confirmed = re.search(r'<ul id="slo-confirmed">(.*?)</ul>', page, re.S)
    return {
        "binding": binding,
        "destination": destination,
        "nameId": named,
        "nameIdMatches": named == name_id.text,
        "sessionIndexes": indexes,
        "sessionIndex": session_index,
        "signatureVerified": True,
        "loggedOutLocally": not client.is_logged_in(name_id),
        "signedOutPage": 'id="signed-out"' in page,
        "confirmed": [html.unescape(s) for s in re.findall(r"<li>([^<]*)</li>", confirmed.group(1))]
        if confirmed else [],
    }


def main(argv):
    if len(argv) == 5 and argv[1] == "metadata" and argv[4] in BINDINGS:
        print(str(entity_descriptor(config(argv[2], argv[3], argv[4]))))
        return 0
    if len(argv) != 9 or argv[1] not in ("sp-initiated", "idp-initiated") or argv[6] not in BINDINGS:
        print(__doc__, file=sys.stderr)
        return 2
    mode, base, idp_metadata, key, cert, binding, user, password = argv[1:]
    try:
        client = Saml2Client(config=config(key, cert, binding, idp_metadata))
        idp_entity = list(client.metadata.identity_providers())[0]
        browser = Browser()
        name_id, session_index = sign_in(browser, client, base, idp_entity, user, password)
        if mode == "sp-initiated":
            result = sp_initiated(browser, client, idp_entity, name_id, session_index, BINDINGS[binding])
        else:
            result = idp_initiated(browser, client, base, idp_entity, name_id, session_index)
    except Exception as e:  # pysaml2 raises many types; any refusal is a refusal
        print("refused: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 3
    json.dump(result, sys.stdout, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
