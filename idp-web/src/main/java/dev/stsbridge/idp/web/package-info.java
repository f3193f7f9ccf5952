/** The Jetty-hosted IdP: login, portal, SSO endpoints, metadata download, explain page, operations. */
package dev.stsbridge.idp.web;
