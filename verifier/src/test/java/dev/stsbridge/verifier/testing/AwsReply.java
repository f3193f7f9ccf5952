package dev.stsbridge.verifier.testing;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import dev.stsbridge.verifier.xml.HardenedParser;

/** A raw Query response, with accessors for AWS's XML. */
public record AwsReply(int status, String body, HttpResponse<String> http) {

    public static AwsReply of(HttpResponse<String> response) {
        return new AwsReply(response.statusCode(), response.body(), response);
    }

    public Document xml() {
        return HardenedParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of the first element with this local name ("" when absent). */
    public String text(String localName) {
        NodeList nodes = xml().getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    public String rootName() {
        return xml().getDocumentElement().getLocalName();
    }

    public String namespace() {
        return xml().getDocumentElement().getNamespaceURI();
    }

    public String code() {
        return text("Code");
    }

    public String message() {
        return text("Message");
    }

    public String header(String name) {
        return http.headers().firstValue(name).orElse("");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
