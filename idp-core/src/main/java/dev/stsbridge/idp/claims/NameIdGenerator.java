package dev.stsbridge.idp.claims;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.crypto.CryptoProviders;
import dev.stsbridge.idp.directory.DirectoryUser;

/**
 * Makes the assertion's NameID ({@code saml:sub} in AWS, which lands in CloudTrail):
 * <ul>
 * <li>persistent (default): {@code base64url(HMAC-SHA256(secret, immutableId + "!" + spEntityId))} — opaque,
 *     the same for a person and SP every time, different per SP, and unlinkable to the person without the
 *     secret (kept in the data directory);</li>
 * <li>transient: 160 random bits per assertion;</li>
 * <li>email: the person's {@code mail} attribute.</li>
 * </ul>
 */
public final class NameIdGenerator {

    public static final int MIN_SECRET_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final NameIdFormat format;
    private final byte[] secret;
    private final SecureRandom random;

    private NameIdGenerator(NameIdFormat format, byte[] secret, SecureRandom random) {
        this.format = format;
        this.secret = secret;
        this.random = random;
    }

    /**
     * @param secret the HMAC key for persistent IDs (at least 32 bytes; ignored for the other formats)
     * @param random the source of transient IDs
     */
    public static NameIdGenerator of(NameIdFormat format, byte[] secret, SecureRandom random) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(random, "random");
        if (format == NameIdFormat.PERSISTENT && secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the persistent NameID secret must be at least " + MIN_SECRET_BYTES
                    + " bytes, was " + secret.length);
        }
        return new NameIdGenerator(format, secret.clone(), random);
    }

    public static NameIdGenerator persistent(byte[] secret) {
        return of(NameIdFormat.PERSISTENT, secret, new SecureRandom());
    }

    public static NameIdGenerator transientIds(SecureRandom random) {
        return of(NameIdFormat.TRANSIENT, new byte[0], random);
    }

    public static NameIdGenerator email() {
        return of(NameIdFormat.EMAIL, new byte[0], new SecureRandom());
    }

    public NameIdFormat format() {
        return format;
    }

    /**
     * The NameID for this person at this SP ({@code urn:amazon:webservices} for AWS).
     *
     * @throws MissingClaimException for format email when the person has no usable mail attribute
     */
    public NameId nameIdFor(DirectoryUser user, String spEntityId) {
        return switch (format) {
            case PERSISTENT -> new NameId(persistentValue(user.immutableId(), spEntityId), format.uri());
            case TRANSIENT -> new NameId(transientValue(), format.uri());
            case EMAIL -> new NameId(mail(user), format.uri());
        };
    }

    private String persistentValue(String immutableId, String spEntityId) {
        try {
            Mac mac = CryptoProviders.newMac("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((immutableId + "!" + spEntityId).getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private String transientValue() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String value = BASE64URL.encodeToString(bytes);
        Arrays.fill(bytes, (byte) 0);
        return value;
    }

    private static String mail(DirectoryUser user) {
        String mail = user.firstValue("mail").map(String::strip).orElse("");
        if (mail.isEmpty() || mail.indexOf('@') < 1 || mail.indexOf('@') == mail.length() - 1) {
            throw new MissingClaimException(user.username() + ": NameID format email needs a mail attribute, "
                    + (mail.isEmpty() ? "and " + user.username() + " has none" : "was \"" + mail + "\""));
        }
        return mail;
    }
}
