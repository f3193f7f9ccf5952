/**
 * Operations: {@code /healthz}, {@code /metrics} (Prometheus text via Micrometer), the signed metadata download,
 * and the audit log (one JSON line per login attempt and per issued assertion).
 */
package dev.stsbridge.idp.web.ops;
