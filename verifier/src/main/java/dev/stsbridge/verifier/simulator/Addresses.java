package dev.stsbridge.verifier.simulator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** Shape checks for context values of type {@code ip} and {@code date} (literal forms only; no look-ups). */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    private Addresses() {
    }

    static boolean isAddressOrBlock(String value) {
        if (IPV4.matcher(value).matches()) {
            String address = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(value).matches();
    }

    static boolean isDate(String value) {
        String v = value.strip();
        if (v.matches("\\d+")) {
            return true;
        }
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate.parse(v);
            } else {
                OffsetDateTime.parse(v);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
