-- OpenID Connect state shared by the IdP nodes: authorization codes and the access tokens they produced.
-- Neither the code nor the token is stored: rows are keyed by base64url(SHA-256(value)), as the nodes look them up.
-- Expiry timestamps come from the nodes' database clock (DatabaseClock), so every node agrees on them.

-- Authorization codes. sealed: the grant (client, redirect URI, PKCE challenge, nonce, scopes, the person and their
-- directory attributes) as JSON (GrantCodec) sealed with AES-256-GCM under keys/mfa-key, bound to the row's key.
-- redeemed: set by the one token request that wins (UPDATE ... WHERE NOT redeemed); a later one is a replay.
-- revoked: set on a replay; an access token is only written while its code is not revoked (see oidc_access_token).
-- Rows are kept 10 minutes past expires_at so that a late replay is still recognised as one.
CREATE TABLE oidc_code (
    code_sha256 text        PRIMARY KEY,
    sealed      bytea       NOT NULL,
    redeemed    boolean     NOT NULL DEFAULT false,
    revoked     boolean     NOT NULL DEFAULT false,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX oidc_code_expires_at ON oidc_code (expires_at);

-- Bearer access tokens for /oidc/userinfo: the grant sealed as above (bound to the token's key), the code that
-- produced the token (a replay of that code deletes it), and its expiry.
CREATE TABLE oidc_access_token (
    token_sha256 text        PRIMARY KEY,
    code_sha256  text        NOT NULL,
    sealed       bytea       NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX oidc_access_token_code ON oidc_access_token (code_sha256);
CREATE INDEX oidc_access_token_expires_at ON oidc_access_token (expires_at);
