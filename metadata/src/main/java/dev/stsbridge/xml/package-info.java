/**
 * The one place on the IdP side that creates XML parsers and starts OpenSAML: hardened parsing (no DTD, no
 * external entities, no entity expansion, no XInclude) and byte-exact serialisation of signed XML.
 */
package dev.stsbridge.xml;
