package dev.stsbridge.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.metadata.AwsUploadFinding.Rule;
import dev.stsbridge.xml.SecureXml;
import dev.stsbridge.xml.XmlParseException;

/**
 * AWS's rules for a SAML provider's metadata document (AWS-SAML.md §1.2), checked before anyone uploads it:
 * UTF-8 without a byte order mark, 1,000 to 10,000,000 characters, at most 10 keys, each certificate's key at
 * least 1024 bits and no extension repeated within a certificate. A certificate that expires within 30 days
 * (or has expired) is a warning, not a violation: AWS does not enforce expiry.
 *
 * <p>Key sizes: AWS states the 1024-bit minimum for RSA (DSA is held to it too). EC keys cannot be measured
 * against it; they pass if the curve is at least 256 bits, with a warning that AWS documents RSA keys only.
 */
public final class AwsUploadRules {

    public static final int MIN_CHARACTERS = 1_000;
    public static final int MAX_CHARACTERS = 10_000_000;
    public static final int MIN_KEY_BITS = 1024;
    public static final int MIN_EC_KEY_BITS = 256;
    public static final int MAX_KEYS = 10;
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final String MD = MetadataSchemaValidator.METADATA_NS;
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("\\A<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']+)[\"']");

    private final Clock clock;

    public AwsUploadRules(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks every rule; never throws for a bad document (that is what the report is for). */
    public AwsUploadReport check(byte[] document) {
        List<AwsUploadFinding> violations = new ArrayList<>();
        List<AwsUploadFinding> warnings = new ArrayList<>();
        Optional<String> text = decode(document, violations);
        text.ifPresent(t -> checkLength(t, violations));
        List<byte[]> certificates = certificates(document, violations);
        if (certificates.size() > MAX_KEYS) {
            violations.add(new AwsUploadFinding(Rule.KEY_COUNT, "the metadata has " + certificates.size()
                    + " certificates; AWS allows at most " + MAX_KEYS + " keys per SAML provider"));
        }
        Instant now = clock.instant();
        for (int i = 0; i < certificates.size(); i++) {
            checkCertificate("certificate #" + (i + 1), certificates.get(i), now, violations, warnings);
        }
        return new AwsUploadReport(violations, warnings);
    }

    private static Optional<String> decode(byte[] document, List<AwsUploadFinding> violations) {
        if (document.length >= 3 && (document[0] & 0xFF) == 0xEF && (document[1] & 0xFF) == 0xBB
                && (document[2] & 0xFF) == 0xBF) {
            violations.add(new AwsUploadFinding(Rule.ENCODING,
                    "the document starts with a byte order mark (EF BB BF); AWS requires UTF-8 without a BOM"));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(document)).toString();
            Matcher declared = DECLARED_ENCODING.matcher(text.startsWith("\uFEFF") ? text.substring(1) : text);
            if (declared.find() && !declared.group(1).toLowerCase(Locale.ROOT).matches("utf-?8")) {
                violations.add(new AwsUploadFinding(Rule.ENCODING, "the XML declaration says encoding=\""
                        + declared.group(1) + "\"; AWS requires UTF-8"));
            }
            return Optional.of(text);
        } catch (CharacterCodingException e) {
            violations.add(new AwsUploadFinding(Rule.ENCODING, "the document is not valid UTF-8"));
            return Optional.empty();
        }
    }

    private static void checkLength(String text, List<AwsUploadFinding> violations) {
        int characters = text.codePointCount(0, text.length());
        if (characters < MIN_CHARACTERS || characters > MAX_CHARACTERS) {
            violations.add(new AwsUploadFinding(Rule.LENGTH, String.format(Locale.ROOT,
                    "the document has %,d characters; AWS requires %,d to %,d", characters, MIN_CHARACTERS, MAX_CHARACTERS)));
        }
    }

    /** The DER of each {@code ds:X509Certificate} inside an {@code md:KeyDescriptor}. */
    private static List<byte[]> certificates(byte[] document, List<AwsUploadFinding> violations) {
        Document parsed;
        try {
            parsed = SecureXml.parse(document);
        } catch (XmlParseException e) {
            violations.add(new AwsUploadFinding(Rule.WELL_FORMED, "AWS cannot parse the metadata: " + e.getMessage()));
            return List.of();
        }
        List<byte[]> found = new ArrayList<>();
        NodeList descriptors = parsed.getElementsByTagNameNS(MD, "KeyDescriptor");
        for (int i = 0; i < descriptors.getLength(); i++) {
            NodeList certificates = ((Element) descriptors.item(i)).getElementsByTagNameNS(DS, "X509Certificate");
            for (int j = 0; j < certificates.getLength(); j++) {
                String base64 = certificates.item(j).getTextContent();
                try {
                    found.add(Base64.getMimeDecoder().decode(base64.strip()));
                } catch (IllegalArgumentException e) {
                    found.add(new byte[0]);  // reported as unreadable below
                }
            }
        }
        return found;
    }

    private static void checkCertificate(String name, byte[] der, Instant now, List<AwsUploadFinding> violations,
                                         List<AwsUploadFinding> warnings) {
        CertificateFacts facts;
        try {
            facts = CertificateFacts.read(der);
        } catch (IllegalArgumentException e) {
            violations.add(new AwsUploadFinding(Rule.CERTIFICATE, name + " is " + e.getMessage()));
            return;
        }
        String named = name + " (" + facts.subject() + ")";
        checkKey(named, facts, violations, warnings);
        for (String oid : facts.repeatedExtensions()) {
            violations.add(new AwsUploadFinding(Rule.DUPLICATE_EXTENSION,
                    named + " repeats the extension " + oid + "; AWS refuses repeated extensions"));
        }
        if (facts.notAfter().isBefore(now)) {
            warnings.add(new AwsUploadFinding(Rule.EXPIRY, named + " expired on " + facts.notAfter()));
        } else if (facts.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
            warnings.add(new AwsUploadFinding(Rule.EXPIRY, named + " expires on " + facts.notAfter()
                    + ", within " + EXPIRY_WARNING.toDays() + " days: rotate the key (stsbridge keys rotate)"));
        }
    }

    private static void checkKey(String named, CertificateFacts facts, List<AwsUploadFinding> violations,
                                 List<AwsUploadFinding> warnings) {
        boolean ec = facts.keyType().equals("EC");
        int minimum = ec ? MIN_EC_KEY_BITS : MIN_KEY_BITS;
        if (facts.keyBits() < minimum) {
            violations.add(new AwsUploadFinding(Rule.KEY_SIZE, named + " has a " + facts.keyBits() + "-bit "
                    + facts.keyType() + " key; AWS requires at least " + MIN_KEY_BITS + " bits"));
        } else if (!facts.keyType().equals("RSA")) {
            warnings.add(new AwsUploadFinding(Rule.KEY_TYPE, named + " has a " + facts.keyType()
                    + " key; AWS documents RSA keys only, so it may be refused"));
        }
    }
}
