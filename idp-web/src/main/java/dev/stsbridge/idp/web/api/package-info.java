/** JSON APIs for command-line clients: the role catalogue ({@code /api/v1/roles}). */
package dev.stsbridge.idp.web.api;
