/**
 * Where the web layer's state lives: {@link dev.stsbridge.idp.web.state.WebState} names the session store, the
 * AuthnRequest replay cache, the throttle records and the clock their expiry follows; {@link
 * dev.stsbridge.idp.web.state.SharedState} opens them from {@code state:} (in memory on one node, or in the shared
 * PostgreSQL database for several, on the database's clock).
 */
package dev.stsbridge.idp.web.state;
