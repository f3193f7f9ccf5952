/** A real browser (Debian's headless Chromium, through Selenium) against the servers on 127.0.0.1. */
package dev.stsbridge.tests.browser;
