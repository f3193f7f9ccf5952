package dev.stsbridge.idp.web.mfa;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as the {@code d} of one SVG path (a unit square per dark module, a 4-module quiet zone), for the
 * enrollment page to draw inline: no image request, nothing the page's policy must allow, and the path is only
 * letters and digits, so escaping cannot change it.
 *
 * @param size the side of the square, quiet zone included, in modules
 * @param path the SVG path data
 */
record QrSvg(int size, String path) {

    private static final int QUIET_ZONE = 4;

    static QrSvg of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        StringBuilder path = new StringBuilder(qr.size * qr.size * 4);
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return new QrSvg(qr.size + 2 * QUIET_ZONE, path.toString());
    }
}
