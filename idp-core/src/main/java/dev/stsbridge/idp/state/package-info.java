/**
 * State shared by several IdP nodes: the PostgreSQL database of {@code state.postgresql} ({@link
 * dev.stsbridge.idp.state.Database}: a HikariCP pool, the schema migrated by Flyway at start), the database's clock
 * that every node's expiry decisions follow ({@link dev.stsbridge.idp.state.DatabaseClock}), and the one failure the
 * web layer turns into a 503 ({@link dev.stsbridge.idp.state.StateUnavailableException}). The stores themselves
 * live beside their in-memory or file defaults (sessions, replay cache and throttles in idp-web, MFA enrollments in
 * {@code dev.stsbridge.idp.mfa}, OpenID Connect codes and access tokens in {@code dev.stsbridge.idp.oidc}).
 */
package dev.stsbridge.idp.state;
