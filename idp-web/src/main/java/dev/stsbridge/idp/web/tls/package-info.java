/** HTTPS key material: a configured PKCS#12 store, or a self-signed one generated into the data directory. */
package dev.stsbridge.idp.web.tls;
