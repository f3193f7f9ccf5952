-- stsbridge shared state (state.postgresql): what several IdP nodes must agree on.
-- Times are timestamptz; expiry decisions in SQL use the database's clock (now()), never a node's.

-- IdP sessions, keyed by the SHA-256 (hex) of the session ID: the cookie value itself is never stored.
-- sealed: the Session as JSON with a format version (SessionCodec), sealed with AES-256-GCM under keys/mfa-key
-- (the database sees no CSRF token and no TOTP secret being enrolled); expires_at: when it can be deleted.
CREATE TABLE idp_session (
    id_sha256  text        PRIMARY KEY,
    sealed     bytea       NOT NULL,
    expires_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idp_session_expires_at ON idp_session (expires_at);

-- AuthnRequest IDs already answered, keyed by the SHA-256 (hex) of the SP's entity ID and the request ID.
CREATE TABLE authn_request_seen (
    key_sha256 text        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX authn_request_seen_expires_at ON authn_request_seen (expires_at);

-- Failed login and second-factor attempts per scope (login-user, login-address, mfa-user, mfa-address) and key.
CREATE TABLE throttle (
    scope         text        NOT NULL,
    key           text        NOT NULL,
    failures      integer     NOT NULL,
    last_failure  timestamptz NOT NULL,
    blocked_until timestamptz NOT NULL,
    locked        boolean     NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX throttle_expires_at ON throttle (expires_at);

-- MFA enrollments: one row per person (SHA-256 of the lower-case username), the factors as JSON sealed with
-- AES-256-GCM under the nodes' keys/mfa-key (the database never sees a TOTP secret in clear). version counts updates.
CREATE TABLE mfa_enrollment (
    user_sha256 text        PRIMARY KEY,
    sealed      bytea       NOT NULL,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
