/**
 * Support for the end-to-end tests, reused by every test that drives a real tool: {@link
 * dev.stsbridge.tests.support.RequiredTool} (a missing tool fails the test naming the Debian package),
 * {@link dev.stsbridge.tests.support.Processes} (child processes with timeouts that never leak),
 * {@link dev.stsbridge.tests.support.AwsCli} (Debian's {@code /usr/bin/aws} with an empty HOME),
 * {@link dev.stsbridge.tests.support.Chromium} (headless Chromium through Selenium, never resolving outside names),
 * {@link dev.stsbridge.tests.support.XmlSec1} (Debian's xmlsec1), {@link dev.stsbridge.tests.support.TestIdp}
 * (the IdP in process), {@link dev.stsbridge.tests.support.LocalAws} (the verifier in process with AWS SDK
 * clients), {@link dev.stsbridge.tests.support.SamlXml} (reading a response) and {@link
 * dev.stsbridge.tests.support.Repository} (the checkout and the packaged jar). Everything talks to 127.0.0.1
 * only.
 */
package dev.stsbridge.tests.support;
