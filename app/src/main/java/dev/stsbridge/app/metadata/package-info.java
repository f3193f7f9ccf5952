/** {@code stsbridge metadata}: export, sign and verify the IdP metadata uploaded to IAM. */
package dev.stsbridge.app.metadata;
