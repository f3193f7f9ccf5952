#!/usr/bin/python3
"""An independent SAML service provider: Debian's python3-pysaml2 (which verifies signatures with xmlsec1),
configured as AWS's sign-in SP (entity ID urn:amazon:webservices, ACS https://signin.aws.amazon.com/saml) from the
IdP's metadata file. It reads one SAMLResponse (base64, as the browser would post it) and prints what an AWS-like
SP would take from it as JSON on stdout; a response it refuses exits 3 with the reason on stderr.

    /usr/bin/python3 pysaml2_sp.py <idp-metadata.xml> <saml-response.b64> [assertion|response|both]

The third argument says which signatures the SP requires (default: assertion, as AWS's SP metadata asks with
WantAssertionsSigned="true"); pysaml2 then verifies each of them with xmlsec1 against the metadata's certificate.

Nothing is fetched over the network: the metadata is a local file, and any attempt to open a socket fails.
"""
import base64
import json
import socket
import sys

SP_ENTITY_ID = "urn:amazon:webservices"
ACS = "https://signin.aws.amazon.com/saml"
AWS = "https://aws.amazon.com/SAML/Attributes/"
XMLSEC1 = "/usr/bin/xmlsec1"


def no_network(*args, **kwargs):
    raise RuntimeError("pysaml2_sp.py must not use the network (attempted: %r)" % (args,))


socket.socket.connect = no_network
socket.socket.connect_ex = no_network
socket.getaddrinfo = no_network
socket.create_connection = no_network

from saml2 import BINDING_HTTP_POST  # noqa: E402  (imported after the network guard on purpose)
from saml2.client import Saml2Client  # noqa: E402
from saml2.config import SPConfig  # noqa: E402


def client(metadata_file, signed):
    config = SPConfig()
    config.load({
        "entityid": SP_ENTITY_ID,
        "xmlsec_binary": XMLSEC1,
        "metadata": {"local": [metadata_file]},
        "allow_unknown_attributes": True,
        "service": {"sp": {
            "endpoints": {"assertion_consumer_service": [(ACS, BINDING_HTTP_POST)]},
            "allow_unsolicited": True,          # IdP-initiated, as AWS sign-in is
            "want_assertions_signed": signed in ("assertion", "both"),
            "want_response_signed": signed in ("response", "both"),
            "authn_requests_signed": False,
        }},
    })
    return Saml2Client(config=config)


def claims(response):
    ava = response.ava
    name_id = response.assertion.subject.name_id
    tags = {name[len(AWS + "PrincipalTag:"):]: values for name, values in ava.items()
            if name.startswith(AWS + "PrincipalTag:")}
    return {
        "issuer": response.issuer(),
        "nameId": name_id.text,
        "nameIdFormat": name_id.format,
        "audiences": [a.text for r in response.assertion.conditions.audience_restriction for a in r.audience],
        "roles": ava.get(AWS + "Role", []),
        "roleSessionName": ava.get(AWS + "RoleSessionName", []),
        "sessionDuration": ava.get(AWS + "SessionDuration", []),
        "sourceIdentity": ava.get(AWS + "SourceIdentity", []),
        "principalTags": tags,
        "transitiveTagKeys": ava.get(AWS + "TransitiveTagKeys", []),
    }


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] not in ("assertion", "response", "both")):
        print("usage: pysaml2_sp.py <idp-metadata.xml> <saml-response.b64> [assertion|response|both]",
              file=sys.stderr)
        return 2
    signed = argv[3] if len(argv) == 4 else "assertion"
    with open(argv[2], "rb") as f:
        saml_response = f.read().strip().decode("ascii")
    try:
        response = client(argv[1], signed).parse_authn_request_response(saml_response, BINDING_HTTP_POST)
        if response is None:
            raise ValueError("no response")
        result = claims(response)
    except Exception as e:  # pysaml2 raises many types; any refusal is a refusal
        print("refused: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 3
    json.dump(result, sys.stdout, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
