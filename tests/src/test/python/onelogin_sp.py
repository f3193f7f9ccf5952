#!/usr/bin/python3
"""A second independent SAML service provider: Debian's python3-onelogin-saml2 (python3-saml, which verifies
signatures with libxmlsec1 through python3-xmlsec), configured as AWS's sign-in SP (entity ID urn:amazon:webservices,
ACS https://signin.aws.amazon.com/saml) from the IdP's metadata file, in strict mode. Same contract as
pysaml2_sp.py: prints the claims as JSON, or exits 3 with the reason on stderr.

    /usr/bin/python3 onelogin_sp.py <idp-metadata.xml> <saml-response.b64> [assertion|response|both]

Nothing is fetched over the network: the metadata is read from a local file, and opening a socket fails.
"""
import json
import socket
import sys

SP_ENTITY_ID = "urn:amazon:webservices"
ACS = "https://signin.aws.amazon.com/saml"
AWS = "https://aws.amazon.com/SAML/Attributes/"
POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"


def no_network(*args, **kwargs):
    raise RuntimeError("onelogin_sp.py must not use the network (attempted: %r)" % (args,))


socket.socket.connect = no_network
socket.socket.connect_ex = no_network
socket.getaddrinfo = no_network
socket.create_connection = no_network

from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser  # noqa: E402
from onelogin.saml2.response import OneLogin_Saml2_Response  # noqa: E402
from onelogin.saml2.settings import OneLogin_Saml2_Settings  # noqa: E402


def settings(metadata_file, signed):
    with open(metadata_file, encoding="utf-8") as f:
        idp = OneLogin_Saml2_IdPMetadataParser.parse(f.read())
    sp = {
        "strict": True,
        "sp": {"entityId": SP_ENTITY_ID, "assertionConsumerService": {"url": ACS, "binding": POST}},
        "security": {"wantAssertionsSigned": signed in ("assertion", "both"),
                     "wantMessagesSigned": signed in ("response", "both")},
    }
    return OneLogin_Saml2_Settings(OneLogin_Saml2_IdPMetadataParser.merge_settings(sp, idp), sp_validation_only=True)


def claims(response):
    attributes = response.get_attributes()
    tags = {name[len(AWS + "PrincipalTag:"):]: values for name, values in attributes.items()
            if name.startswith(AWS + "PrincipalTag:")}
    return {
        "issuer": response.get_issuers()[0],
        "nameId": response.get_nameid(),
        "nameIdFormat": response.get_nameid_format(),
        "audiences": response.get_audiences(),
        "roles": attributes.get(AWS + "Role", []),
        "roleSessionName": attributes.get(AWS + "RoleSessionName", []),
        "sessionDuration": attributes.get(AWS + "SessionDuration", []),
        "sourceIdentity": attributes.get(AWS + "SourceIdentity", []),
        "principalTags": tags,
        "transitiveTagKeys": attributes.get(AWS + "TransitiveTagKeys", []),
    }


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] not in ("assertion", "response", "both")):
        print("usage: onelogin_sp.py <idp-metadata.xml> <saml-response.b64> [assertion|response|both]",
              file=sys.stderr)
        return 2
    signed = argv[3] if len(argv) == 4 else "assertion"
    with open(argv[2], "rb") as f:
        saml_response = f.read().strip().decode("ascii")
    request = {"https": "on", "http_host": "signin.aws.amazon.com", "server_port": "443", "script_name": "/saml"}
    try:
        response = OneLogin_Saml2_Response(settings(argv[1], signed), saml_response)
        response.is_valid(request, raise_exceptions=True)
        result = claims(response)
    except Exception as e:  # any refusal is a refusal
        print("refused: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 3
    json.dump(result, sys.stdout, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
