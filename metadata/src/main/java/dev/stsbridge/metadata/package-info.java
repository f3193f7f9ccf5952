/** IdP metadata: build the EntityDescriptor, sign and verify it, validate it against the schema and AWS's upload rules. */
package dev.stsbridge.metadata;
