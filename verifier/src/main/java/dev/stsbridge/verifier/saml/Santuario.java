package dev.stsbridge.verifier.saml;

import org.apache.xml.security.Init;

/** Initialises Apache Santuario once, before the first signature or encryption object is made. */
final class Santuario {
    static {
        System.setProperty("org.apache.xml.security.ignoreLineBreaks", "true");
        Init.init();
    }

    private Santuario() {
    }

    /** Forces the static initialiser; cheap after the first call. */
    static void init() {
        // the static block does the work
    }
}
