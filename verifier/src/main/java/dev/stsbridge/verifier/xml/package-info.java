/** Step "parse safely" of the verifier: the verifier's own hardened XML parser (independent of the IdP's). */
package dev.stsbridge.verifier.xml;
