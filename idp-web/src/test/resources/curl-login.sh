#!/usr/bin/env bash
# The done-when check of issue 4, with curl alone (plus xmlsec1 to check the signature, and coreutils):
#   curl-login.sh [BASE_URL]      (default http://127.0.0.1:8080, e.g. ./stsbridge serve --demo)
# Logs in as alice with the CSRF token from the form, opens /portal, gets the SAML POST form from
# /sso/aws?account=prod&role=Admin, verifies its SAMLResponse with xmlsec1 against the certificate in the metadata
# downloaded from /saml2/metadata, checks that wrong passwords are throttled (429) and a foreign RelayState is
# refused (400). Prints one line per check; exits non-zero at the first failure.
set -euo pipefail
base="${1:-http://127.0.0.1:8080}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="$work/cookies"

fail() { echo "curl-login: FAILED: $*" >&2; exit 1; }
ok() { echo "curl-login: ok: $*"; }
command -v xmlsec1 >/dev/null || fail "xmlsec1 is required (Debian package xmlsec1)"
# The CSRF token of the login form in $1.
csrf_of() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$1" | head -n 1; }
# HTML attribute value -> text (the template escapes = and other characters as numeric references).
unescape() { sed -e 's/&#61;/=/g' -e 's/&#43;/+/g' -e 's/&#47;/\//g' -e 's/&quot;/"/g' -e 's/&amp;/\&/g'; }

# 1. Log in as alice.
curl -fsS -c "$jar" -b "$jar" "$base/login" -o "$work/login.html"
csrf="$(csrf_of "$work/login.html")"
[ -n "$csrf" ] || fail "no CSRF token in the login form"
result="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
  --data-urlencode username=alice --data-urlencode password=wonderland --data-urlencode "csrf=$csrf" "$base/login")"
[ "$result" = "303 $base/portal" ] || fail "login as alice: expected 303 to /portal, got '$result'"
ok "logged in as alice"

# 2. The portal lists both accounts.
curl -fsS -b "$jar" "$base/portal" -o "$work/portal.html"
grep -q 'data-account="111122223333" data-account-name="prod" data-role="Admin"' "$work/portal.html" \
  || fail "the portal does not show prod/Admin"
grep -q 'data-account="444455556666" data-account-name="dev" data-role="Developer"' "$work/portal.html" \
  || fail "the portal does not show dev/Developer"
ok "portal shows prod/Admin and dev/Developer"

# 3. The SAML POST form from /sso/aws, and its response verified with xmlsec1 against the downloaded metadata.
curl -fsS -b "$jar" "$base/sso/aws?account=prod&role=Admin" -o "$work/post.html"
grep -q '<form id="saml-post" method="post"\|<form id="saml-post" class="card" method="post"' "$work/post.html" \
  || fail "no auto-submitting form"
sed -n 's/.*name="SAMLResponse" value="\([^"]*\)".*/\1/p' "$work/post.html" | unescape | base64 -d > "$work/response.xml" \
  || fail "the SAMLResponse is not base64"
curl -fsS -D "$work/md.headers" "$base/saml2/metadata" -o "$work/metadata.xml"
grep -qi '^content-type: application/samlmetadata+xml' "$work/md.headers" || fail "metadata content type"
cert="$(grep -o '<ds:X509Certificate>[^<]*</ds:X509Certificate>' "$work/metadata.xml" | head -n 1 \
  | sed -e 's/<[^>]*>//g')"
[ -n "$cert" ] || fail "no certificate in the metadata"
{ echo "-----BEGIN CERTIFICATE-----"; echo "$cert" | fold -w 64; echo "-----END CERTIFICATE-----"; } > "$work/idp.pem"
xmlsec1 --verify --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion --pubkey-cert-pem "$work/idp.pem" \
  "$work/response.xml" > "$work/xmlsec.out" 2>&1 || { cat "$work/xmlsec.out" >&2; fail "xmlsec1 rejects the response"; }
grep -q 'arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge' "$work/response.xml" \
  || fail "the response does not carry the prod/Admin role pair"
ok "SAMLResponse verified by xmlsec1 against /saml2/metadata"

# 4. A foreign RelayState is refused.
code="$(curl -sS -o "$work/relay.html" -w '%{http_code}' -b "$jar" \
  "$base/sso/aws?account=prod&role=Admin&RelayState=https%3A%2F%2Fevil.example.com%2F")"
[ "$code" = 400 ] || fail "foreign RelayState: expected 400, got $code"
grep -q 'RelayState must be an AWS console URL' "$work/relay.html" || fail "foreign RelayState: no clear message"
ok "foreign RelayState refused (400)"

# 5. Wrong passwords are throttled (a name nobody has, so no demo user gets locked).
other="$work/other"
curl -fsS -c "$other" -b "$other" "$base/login" -o "$work/login2.html"
csrf="$(csrf_of "$work/login2.html")"
throttled=""
for attempt in 1 2 3 4 5 6; do
  code="$(curl -sS -o "$work/attempt.html" -w '%{http_code}' -c "$other" -b "$other" \
    --data-urlencode username=curl-check-nobody --data-urlencode password=wrong --data-urlencode "csrf=$csrf" \
    "$base/login")"
  if [ "$code" = 429 ]; then throttled="$attempt"; break; fi
  [ "$code" = 401 ] || fail "wrong password: expected 401 or 429, got $code"
  grep -q 'Invalid username or password.' "$work/attempt.html" || fail "wrong password: no clear message"
done
[ -n "$throttled" ] || fail "six wrong passwords in a row were not throttled"
grep -q 'Too many attempts, try again in [0-9]* seconds.' "$work/attempt.html" || fail "throttled: no clear message"
ok "wrong passwords throttled (429 at attempt $throttled)"
echo "curl-login: all checks passed"
