/**
 * Several IdP nodes on one shared PostgreSQL database, as a user runs them: real {@code stsbridge serve} processes,
 * one killed mid-login.
 */
package dev.stsbridge.tests.ha;
