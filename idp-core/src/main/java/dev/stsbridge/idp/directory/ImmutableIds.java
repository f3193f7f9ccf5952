package dev.stsbridge.idp.directory;

import java.util.HexFormat;
import java.util.Optional;

import com.unboundid.ldap.sdk.Attribute;

import dev.stsbridge.idp.config.ImmutableIdFormat;

/** Reads the immutable ID of an entry: text ({@code entryUUID}), an AD {@code objectGUID}, or hex of any binary value. */
final class ImmutableIds {

    private ImmutableIds() {
    }

    static Optional<String> read(Attribute attribute, ImmutableIdFormat format) {
        if (attribute == null || attribute.size() == 0) {
            return Optional.empty();
        }
        return switch (format) {
            case TEXT -> Optional.of(attribute.getValue()).filter(v -> !v.isBlank());
            case HEX -> Optional.of(HexFormat.of().formatHex(attribute.getValueByteArray()));
            case GUID -> guid(attribute.getValueByteArray());
        };
    }

    /**
     * Active Directory's {@code objectGUID} as Windows shows it: the first three fields are little-endian, the
     * rest in byte order ({@code 01 02 03 04 05 06 07 08 ...} is {@code 04030201-0605-0807-...}).
     */
    static Optional<String> guid(byte[] b) {
        if (b.length != 16) {
            return Optional.empty();
        }
        HexFormat hex = HexFormat.of();
        String s = hex.toHexDigits(b[3]) + hex.toHexDigits(b[2]) + hex.toHexDigits(b[1]) + hex.toHexDigits(b[0]) + "-"
                + hex.toHexDigits(b[5]) + hex.toHexDigits(b[4]) + "-"
                + hex.toHexDigits(b[7]) + hex.toHexDigits(b[6]) + "-"
                + hex.formatHex(b, 8, 10) + "-" + hex.formatHex(b, 10, 16);
        return Optional.of(s);
    }
}
