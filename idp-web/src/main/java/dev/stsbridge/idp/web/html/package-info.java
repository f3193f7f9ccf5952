/**
 * The one place that renders HTML: Mustache templates (mustache.java, from the class path) with every
 * {@code {{value}}} HTML-escaped, a common layout with the viewport meta tag and our own stylesheet, and the static
 * assets (the stylesheet) served by the server itself.
 */
package dev.stsbridge.idp.web.html;
