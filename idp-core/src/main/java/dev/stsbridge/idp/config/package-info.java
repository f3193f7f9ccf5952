/**
 * Step 0 of the IdP flow, configure: {@code stsbridge.yaml} read into small records, one per concern, each
 * validated in its compact constructor. Errors name the file, the line and the key.
 */
package dev.stsbridge.idp.config;
