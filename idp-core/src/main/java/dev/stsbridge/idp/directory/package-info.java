/** Step 1 of the IdP flow, authenticate: who is this person, and what does the directory say about them. */
package dev.stsbridge.idp.directory;
