/** Step 2 of the IdP flow, resolve: from a directory user to the AWS claims (role pairs, session name, tags). */
package dev.stsbridge.idp.claims;
