package dev.stsbridge.verifier.xml;

/** The bytes are not well-formed XML, or use a feature the verifier refuses (DOCTYPE, entities). */
public final class UnsafeXmlException extends RuntimeException {
    public UnsafeXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
