#!/usr/bin/env bash
# End to end with nothing but the stsbridge jar and Debian's AWS CLI (issue 13 "Done when"):
#   stsbridge verifier (background) -> in 444455556666: a user `deployer` with an access key (create-user,
#   put-user-policy, create-access-key) -> in 111122223333: role Partner trusting account 444455556666 with an
#   ExternalId, role Auditor trusting Partner -> deployer assumes Partner (refused without the ExternalId) with session
#   tags, `team` transitive -> Partner chains into Auditor (a 2-hour chained session refused), keeping `team` ->
#   get-caller-identity -> the console page through the federation endpoint (/federation: getSigninToken, login) ->
#   deployer's get-federation-token (a federated-user ARN; refused with role credentials) -> the instance metadata
#   model (--imds-role WebServer): the CLI's own instance-profile provider, pointed at the endpoint the banner prints,
#   gets WebServer's credentials (refused while WebServer does not trust ec2.amazonaws.com).
# Checks every step and fails loudly (exit 1, "FAIL: ..." on stderr); on success prints one JSON object on stdout
# with each step's CLI output. Talks to 127.0.0.1 only (an empty HOME, AWS_EC2_METADATA_DISABLED=true); the verifier
# is stopped on any exit (trap).
#
# Environment: STSBRIDGE_JAR (default app/target/stsbridge.jar), JAVA (default java), AWS_CLI (default /usr/bin/aws),
# PYTHON (default /usr/bin/python3: JSON, and the federation endpoint's two HTTP requests).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${STSBRIDGE_JAR:-$root/app/target/stsbridge.jar}"
java="${JAVA:-java}"
aws_cli="${AWS_CLI:-/usr/bin/aws}"
python="${PYTHON:-/usr/bin/python3}"
prod_key=AKIAIOSFODNN7EXAMPLE dev_key=AKIAI44QH8DHBEXAMPLE     # DESIGN.md: the demo keys (documentation examples)
prod_secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY dev_secret=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
external_id="partner-7f3a"   # a test value, not a secret

say() { echo "assume-role-chain.sh: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

[ -x "$aws_cli" ] || fail "$aws_cli is missing: install Debian's awscli (apt-get install -y awscli)"
[ -x "$python" ] || fail "$python is missing: install Debian's python3"
command -v "$java" >/dev/null || fail "$java is missing: install a Java 17 runtime"
[ -f "$jar" ] || fail "$jar is missing: build it with 'mvn -B package -pl app -am' (or ./stsbridge --help)"

work="$(mktemp -d "${TMPDIR:-/tmp}/stsbridge-chain-e2e.XXXXXX")"
verifier_pid=""
cleanup() {
  local status=$?
  if [ -n "$verifier_pid" ] && kill -0 "$verifier_pid" 2>/dev/null; then
    kill "$verifier_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$verifier_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$verifier_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$work/verifier.log" ]; then
    say "the verifier's output:"; tail -n 20 "$work/verifier.log" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for variable in $(compgen -e | grep '^AWS_' || true); do unset "$variable"; done
export HOME="$work/home" AWS_EC2_METADATA_DISABLED=true AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE="$HOME/.aws/config" AWS_SHARED_CREDENTIALS_FILE="$HOME/.aws/credentials"
mkdir -p "$HOME"

json() { "$python" -c 'import functools, json, sys
print(functools.reduce(lambda d, k: d[k], sys.argv[2:], json.load(open(sys.argv[1]))))' "$@"; }
expect() { [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"; }

# 1. The verifier on a free loopback port.
"$java" -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" verifier --port 0 \
  --imds-role WebServer --imds-port 0 --data-dir "$work/verifier" >"$work/verifier.log" 2>&1 &
verifier_pid=$!
for _ in $(seq 600); do
  grep -q "Press Ctrl-C to stop." "$work/verifier.log" 2>/dev/null && break
  kill -0 "$verifier_pid" 2>/dev/null || fail "the verifier exited at start"
  sleep 0.1
done
endpoint="$(grep -o 'on http://127\.0\.0\.1:[0-9]*' "$work/verifier.log" | head -n 1 | cut -c4-)"
[ -n "$endpoint" ] || fail "the verifier did not start within 60 s"
aws() { "$aws_cli" --endpoint-url "$endpoint" --output json "$@"; }
as_prod() { AWS_ACCESS_KEY_ID="$prod_key" AWS_SECRET_ACCESS_KEY="$prod_secret" aws "$@"; }
as_dev() { AWS_ACCESS_KEY_ID="$dev_key" AWS_SECRET_ACCESS_KEY="$dev_secret" aws "$@"; }
as_keys() { local f=$1; shift  # the credentials in CLI JSON file $f (AccessKey or Credentials)
  AWS_ACCESS_KEY_ID="$("$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d.get("Credentials") or d["AccessKey"]; print(c["AccessKeyId"])' "$f")" \
  AWS_SECRET_ACCESS_KEY="$("$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d.get("Credentials") or d["AccessKey"]; print(c["SecretAccessKey"])' "$f")" \
  AWS_SESSION_TOKEN="$("$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d.get("Credentials") or {}; print(c.get("SessionToken", ""))' "$f")" \
  aws "$@"; }
refused() { local name=$1; shift  # runs a command that must fail; keeps its stderr in $work/$name.err
  if "$@" >"$work/$name.out" 2>"$work/$name.err"; then fail "$name was not refused"; fi
  say "$name refused: $(tr -d '\n' <"$work/$name.err")"; }

# 2. In 444455556666: the user deployer, allowed to assume roles in 111122223333 and to federate; its access key.
cat >"$work/deployer.json" <<'JSON'
{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"],
                "Resource": "arn:aws:iam::111122223333:role/*"},
               {"Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": "*"}]}
JSON
as_dev iam create-user --user-name deployer >"$work/user.json"
as_dev iam put-user-policy --user-name deployer --policy-name assume-partner --policy-document "file://$work/deployer.json"
as_dev iam create-access-key --user-name deployer >"$work/key.json"
as_keys "$work/key.json" sts get-caller-identity >"$work/user-identity.json"
expect "deployer's identity" "$(json "$work/user-identity.json" Arn)" "arn:aws:iam::444455556666:user/deployer"

# 3. In 111122223333: Partner (trusts account 444455556666 with the ExternalId) and Auditor (trusts Partner).
cat >"$work/partner-trust.json" <<JSON
{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                "Action": ["sts:AssumeRole", "sts:TagSession"],
                "Condition": {"StringEquals": {"sts:ExternalId": "$external_id"}}}]}
JSON
cat >"$work/auditor-trust.json" <<'JSON'
{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Partner"},
                "Action": ["sts:AssumeRole", "sts:TagSession"]}]}
JSON
cat >"$work/partner-policy.json" <<'JSON'
{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"],
                "Resource": "arn:aws:iam::111122223333:role/Auditor"}]}
JSON
as_prod iam create-role --role-name Partner --max-session-duration 43200 \
  --assume-role-policy-document "file://$work/partner-trust.json" >/dev/null
as_prod iam put-role-policy --role-name Partner --policy-name chain --policy-document "file://$work/partner-policy.json"
as_prod iam create-role --role-name Auditor --max-session-duration 43200 \
  --assume-role-policy-document "file://$work/auditor-trust.json" >/dev/null

# 4. deployer assumes Partner: refused without the ExternalId, then with it and with session tags (team transitive).
partner_arn=arn:aws:iam::111122223333:role/Partner
refused no-external-id as_keys "$work/key.json" sts assume-role --role-arn "$partner_arn" --role-session-name deployer
as_keys "$work/key.json" sts assume-role --role-arn "$partner_arn" --role-session-name deployer \
  --external-id "$external_id" --tags Key=team,Value=platform Key=stage,Value=beta --transitive-tag-keys team \
  >"$work/partner.json"
expect "Partner session" "$(json "$work/partner.json" AssumedRoleUser Arn)" \
  "arn:aws:sts::111122223333:assumed-role/Partner/deployer"

# 5. Partner chains into Auditor: 2 hours refused (role chaining: at most 1 hour), the default hour granted.
auditor_arn=arn:aws:iam::111122223333:role/Auditor
refused chained-2h as_keys "$work/partner.json" sts assume-role --role-arn "$auditor_arn" \
  --role-session-name audit --duration-seconds 7200
as_keys "$work/partner.json" sts assume-role --role-arn "$auditor_arn" --role-session-name audit >"$work/auditor.json"
as_keys "$work/auditor.json" sts get-caller-identity >"$work/auditor-identity.json"
expect "Auditor identity" "$(json "$work/auditor-identity.json" Arn)" \
  "arn:aws:sts::111122223333:assumed-role/Auditor/audit"

# 6. The console page of the Auditor session through the federation endpoint: its tags show the transitive team.
"$python" - "$endpoint" "$work/auditor.json" >"$work/console.html" <<'PY'
import json, sys, urllib.parse, urllib.request
endpoint, credentials = sys.argv[1], json.load(open(sys.argv[2]))["Credentials"]
session = json.dumps({"sessionId": credentials["AccessKeyId"], "sessionKey": credentials["SecretAccessKey"],
                      "sessionToken": credentials["SessionToken"]})
query = urllib.parse.urlencode({"Action": "getSigninToken", "Session": session})
token = json.load(urllib.request.urlopen(endpoint + "/federation?" + query))["SigninToken"]
login = urllib.parse.urlencode({"Action": "login", "SigninToken": token, "Issuer": "https://broker.example.com",
                                "Destination": "https://console.aws.amazon.com/"})
print(urllib.request.urlopen(endpoint + "/federation?" + login).read().decode("utf-8"))  # follows the 303
PY
grep -q 'arn:aws:sts::111122223333:assumed-role/Auditor/audit' "$work/console.html" || fail "console page: no Auditor ARN"
grep -q '<td>team</td><td>platform</td>' "$work/console.html" || fail "console page: the transitive tag team is missing"
! grep -q '<td>stage</td>' "$work/console.html" || fail "console page: the non-transitive tag stage was carried over"

# 7. deployer federates carol; Partner's role credentials are refused.
as_keys "$work/key.json" sts get-federation-token --name carol --duration-seconds 3600 \
  --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' \
  >"$work/federated.json"
expect "federated user" "$(json "$work/federated.json" FederatedUser Arn)" \
  "arn:aws:sts::444455556666:federated-user/carol"
as_keys "$work/federated.json" sts get-caller-identity >"$work/federated-identity.json"
refused federation-with-role as_keys "$work/partner.json" sts get-federation-token --name carol

# 8. Instance-role credentials: the CLI's instance-profile provider (no keys in the environment) with the endpoint
#    exactly as the banner prints it; WebServer first trusts only this account, then EC2.
imds_endpoint="$(grep -o 'AWS_EC2_METADATA_SERVICE_ENDPOINT=[^ ]*' "$work/verifier.log" | head -n 1 | cut -d= -f2-)"
[ -n "$imds_endpoint" ] || fail "the banner names no AWS_EC2_METADATA_SERVICE_ENDPOINT"
as_instance() ( unset AWS_EC2_METADATA_DISABLED; export AWS_EC2_METADATA_SERVICE_ENDPOINT="$imds_endpoint"; aws "$@" )
as_prod iam create-role --role-name WebServer --assume-role-policy-document '{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}' >/dev/null
refused instance-untrusted as_instance sts get-caller-identity
as_prod iam update-assume-role-policy --role-name WebServer --policy-document '{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
as_instance sts get-caller-identity >"$work/instance-identity.json"
expect "instance role identity" "$(json "$work/instance-identity.json" Arn)" \
  "arn:aws:sts::111122223333:assumed-role/WebServer/i-0123456789abcdef0"

"$python" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
load = lambda name: json.load(open(os.path.join(work, name)))
text = lambda name: open(os.path.join(work, name)).read()
print(json.dumps({"userIdentity": load("user-identity.json"), "accessKey": load("key.json")["AccessKey"]["AccessKeyId"],
                  "noExternalId": text("no-external-id.err"), "partner": load("partner.json"),
                  "chained2h": text("chained-2h.err"), "auditor": load("auditor.json")["AssumedRoleUser"],
                  "auditorIdentity": load("auditor-identity.json"), "consolePage": text("console.html"),
                  "federated": load("federated.json")["FederatedUser"],
                  "federatedIdentity": load("federated-identity.json"),
                  "federationWithRole": text("federation-with-role.err"),
                  "instanceUntrusted": text("instance-untrusted.err"),
                  "instanceIdentity": load("instance-identity.json")}))
PY
