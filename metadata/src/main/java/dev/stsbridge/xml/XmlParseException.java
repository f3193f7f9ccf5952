package dev.stsbridge.xml;

/** The input is not well-formed XML, or it uses a feature we refuse (a DTD, an entity). */
public final class XmlParseException extends RuntimeException {
    public XmlParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
