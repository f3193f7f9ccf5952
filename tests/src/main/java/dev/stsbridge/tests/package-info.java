/** End-to-end test support. */
package dev.stsbridge.tests;
