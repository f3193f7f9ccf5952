/**
 * The one-command demo: the verifier (AWS's side) and the IdP started side by side in one process, the IdP
 * registered with the verifier through the verifier's own IAM API (SAML provider {@code stsbridge} and the demo roles
 * in each account, over HTTP with SigV4, as a user would), and a self-test that signs alice in over HTTP the way a
 * browser does. {@link dev.stsbridge.app.demo.Demo#start(DemoSettings)} is shared by {@code stsbridge demo} and the
 * browser end-to-end tests.
 */
package dev.stsbridge.app.demo;
