package dev.stsbridge.idp.web.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP Basic credentials (RFC 7617) from an {@code Authorization} header: {@code Basic base64(user ":" password)},
 * UTF-8. The password stays a char array, for the caller to wipe after the directory has checked it.
 *
 * @param username before the first colon
 * @param password after it (may itself contain colons)
 */
public record BasicCredentials(String username, char[] password) {

    /** The challenge a 401 carries, naming this realm. */
    public static String challenge(String realm) {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    /** The credentials of this header value; empty when it is absent, not Basic, or not base64 of UTF-8 with a colon. */
    public static Optional<BasicCredentials> parse(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String value = authorization.get().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
            char[] all = new char[chars.remaining()];
            chars.get(all);
            int colon = indexOf(all, ':');
            if (colon < 0) {
                Arrays.fill(all, '\0');
                return Optional.empty();
            }
            String username = new String(all, 0, colon).strip();
            char[] password = Arrays.copyOfRange(all, colon + 1, all.length);
            Arrays.fill(all, '\0');
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return Optional.of(new BasicCredentials(username, password));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static int indexOf(char[] chars, char wanted) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + ", password hidden]";
    }
}
