#!/usr/bin/env bash
# End to end with nothing but the stsbridge jar and Debian's AWS CLI, as a user would do it (issue 5 "Done when"):
#   stsbridge verifier (background) -> stsbridge metadata export --sign -> aws iam create-saml-provider ->
#   aws iam create-role (SAML trust policy) -> aws sts assume-role-with-saml with `stsbridge assertion` output ->
#   aws sts get-caller-identity with the returned credentials; then a tampered assertion must be refused with
#   InvalidIdentityToken.
# Checks every step and fails loudly (exit 1, "FAIL: ..." on stderr); on success prints one JSON object on stdout:
#   {"provider": ..., "role": ..., "assumed": <assume-role-with-saml JSON>, "callerIdentity": <get-caller-identity
#    JSON>, "tampered": {"exitCode": N, "stderr": "..."}}
# Everything talks to 127.0.0.1 only: the verifier binds there, the AWS CLI runs with an empty HOME and
# AWS_EC2_METADATA_DISABLED=true. The verifier is stopped on any exit (trap).
#
# Environment: STSBRIDGE_JAR (default app/target/stsbridge.jar), JAVA (default java), AWS_CLI (default
# /usr/bin/aws: Debian's v2; the aws on PATH may be another one), PYTHON (default /usr/bin/python3, for JSON).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${STSBRIDGE_JAR:-$root/app/target/stsbridge.jar}"
java="${JAVA:-java}"
aws_cli="${AWS_CLI:-/usr/bin/aws}"
python="${PYTHON:-/usr/bin/python3}"
admin_key=AKIAIOSFODNN7EXAMPLE                             # DESIGN.md: the demo key of account 111122223333
admin_secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
expected_arn="arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com"

say() { echo "assume-role-with-saml.sh: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

[ -x "$aws_cli" ] || fail "$aws_cli is missing: install Debian's awscli (apt-get install -y awscli)"
[ -x "$python" ] || fail "$python is missing: install Debian's python3"
command -v "$java" >/dev/null || fail "$java is missing: install a Java 17 runtime"
[ -f "$jar" ] || fail "$jar is missing: build it with 'mvn -B package -pl app -am' (or ./stsbridge --help)"

work="$(mktemp -d "${TMPDIR:-/tmp}/stsbridge-cli-e2e.XXXXXX")"
verifier_pid=""
cleanup() {
  local status=$?
  if [ -n "$verifier_pid" ] && kill -0 "$verifier_pid" 2>/dev/null; then
    kill "$verifier_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$verifier_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$verifier_pid" 2>/dev/null || true
    say "stopped the verifier (pid $verifier_pid)"
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

# A private environment: no inherited AWS settings, an empty HOME, no instance metadata service.
for variable in $(compgen -e | grep '^AWS_' || true); do unset "$variable"; done
export HOME="$work/home" AWS_EC2_METADATA_DISABLED=true AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE="$HOME/.aws/config" AWS_SHARED_CREDENTIALS_FILE="$HOME/.aws/credentials"
mkdir -p "$HOME"

jvm_options=(-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)   # small and quick to start
stsbridge() { "$java" "${jvm_options[@]}" -jar "$jar" "$@"; }
json() { "$python" -c 'import functools, json, sys
print(functools.reduce(lambda d, k: d[k], sys.argv[2:], json.load(open(sys.argv[1]))))' "$@"; }
expect() { [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"; }

# 1. The verifier on a free loopback port (port 0: the system picks one; the banner names it). Started directly, not
#    through the stsbridge function, so that $! is the JVM itself and the trap stops it.
"$java" "${jvm_options[@]}" -jar "$jar" verifier --port 0 --data-dir "$work/verifier" >"$work/verifier.log" 2>&1 &
verifier_pid=$!
for _ in $(seq 600); do
  grep -q "Press Ctrl-C to stop." "$work/verifier.log" 2>/dev/null && break
  kill -0 "$verifier_pid" 2>/dev/null || fail "the verifier exited at start"
  sleep 0.1
done
endpoint="$(grep -o 'on http://127\.0\.0\.1:[0-9]*' "$work/verifier.log" | head -n 1 | cut -c4-)"
[ -n "$endpoint" ] || fail "the verifier did not start within 60 s"
say "started the verifier (pid $verifier_pid) on $endpoint"
aws() { "$aws_cli" --endpoint-url "$endpoint" --output json "$@"; }
admin() { AWS_ACCESS_KEY_ID="$admin_key" AWS_SECRET_ACCESS_KEY="$admin_secret" aws "$@"; }

# 2. The IdP's signed metadata (its keys are generated into $work/idp on first use).
stsbridge metadata export --sign --out "$work/md.xml" --data-dir "$work/idp"

# 3. The SAML provider and a role that trusts it, as in the IAM console's "SAML 2.0 federation" wizard.
admin iam create-saml-provider --name stsbridge --saml-metadata-document "file://$work/md.xml" >"$work/provider.json"
provider_arn="$(json "$work/provider.json" SAMLProviderArn)"
expect "SAMLProviderArn" "$provider_arn" "arn:aws:iam::111122223333:saml-provider/stsbridge"
cat >"$work/trust.json" <<JSON
{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow",
                "Principal": {"Federated": "$provider_arn"},
                "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
                "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
JSON
admin iam create-role --role-name Admin --assume-role-policy-document "file://$work/trust.json" >"$work/role.json"
role_arn="$(json "$work/role.json" Role Arn)"
expect "Role.Arn" "$role_arn" "arn:aws:iam::111122223333:role/Admin"
say "created $provider_arn and $role_arn"

# 4. alice's signed response, then AssumeRoleWithSAML with it (unsigned call: no credentials).
assertion="$(stsbridge assertion --demo --user alice --account prod --role Admin --data-dir "$work/idp")"
aws sts assume-role-with-saml --role-arn "$role_arn" --principal-arn "$provider_arn" \
  --saml-assertion "$assertion" >"$work/assumed.json"
expect "AssumedRoleUser.Arn" "$(json "$work/assumed.json" AssumedRoleUser Arn)" "$expected_arn"

# 5. The temporary credentials work: GetCallerIdentity (SigV4 with the session token).
AWS_ACCESS_KEY_ID="$(json "$work/assumed.json" Credentials AccessKeyId)" \
AWS_SECRET_ACCESS_KEY="$(json "$work/assumed.json" Credentials SecretAccessKey)" \
AWS_SESSION_TOKEN="$(json "$work/assumed.json" Credentials SessionToken)" \
  aws sts get-caller-identity >"$work/identity.json"
expect "GetCallerIdentity Arn" "$(json "$work/identity.json" Arn)" "$expected_arn"
say "get-caller-identity: $expected_arn"

# 6. One character of a signed value changed (RoleSessionName alice@ -> alicf@): refused, InvalidIdentityToken.
tampered="$(printf '%s' "$assertion" | "$python" -c 'import base64, sys
xml = base64.b64decode(sys.stdin.read()).decode("utf-8")
assert xml.count(">alice@example.com<") == 1, "RoleSessionName value not found exactly once"
print(base64.b64encode(xml.replace(">alice@example.com<", ">alicf@example.com<").encode("utf-8")).decode("ascii"))')"
set +e
aws sts assume-role-with-saml --role-arn "$role_arn" --principal-arn "$provider_arn" \
  --saml-assertion "$tampered" >"$work/tampered.out" 2>"$work/tampered.err"
tampered_exit=$?
set -e
[ "$tampered_exit" -ne 0 ] || fail "the tampered assertion was accepted"
grep -q "InvalidIdentityToken" "$work/tampered.err" || fail "the tampered assertion: no InvalidIdentityToken in: $(cat "$work/tampered.err")"
say "tampered assertion refused (exit $tampered_exit): $(tr -d '\n' <"$work/tampered.err")"

"$python" - "$work" "$tampered_exit" <<'PY'
import json, os, sys
work, code = sys.argv[1], int(sys.argv[2])
load = lambda name: json.load(open(os.path.join(work, name)))
print(json.dumps({"provider": load("provider.json"), "role": load("role.json"), "assumed": load("assumed.json"),
                  "callerIdentity": load("identity.json"),
                  "tampered": {"exitCode": code, "stderr": open(os.path.join(work, "tampered.err")).read()}}))
PY
