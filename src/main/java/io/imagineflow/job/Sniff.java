package io.imagineflow.job;

import java.nio.charset.StandardCharsets;

/** What bytes really are, from their first bytes: a data URI or an upload must hold what it claims. */
public final class Sniff {

    private Sniff() {}

    /** image/png, image/jpeg, image/webp, video/mp4, or null when it is none of them. */
    public static String mediaType(byte[] head) {
        if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return "image/png";
        }
        if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return "image/jpeg";
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return "image/webp";
        }
        if (startsWith(head, 4, ascii("ftyp"))) {
            return "video/mp4";
        }
        return null;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
