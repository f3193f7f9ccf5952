/**
 * The AWS Query protocol over HTTP: {@code POST /} (or {@code GET /}) with {@code Action} and {@code Version},
 * dispatch to the IAM or STS API, validation of parameters against AWS's own service models, and responses and
 * {@code ErrorResponse}s in AWS's XML shapes and namespaces.
 */
package dev.stsbridge.verifier.query;
