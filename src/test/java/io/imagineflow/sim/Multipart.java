package io.imagineflow.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small multipart/form-data reader: the parts in the order they were sent, which xAI's upload cares about. */
final class Multipart {

    record Part(String name, String filename, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    private Multipart() {}

    static List<Part> parse(String contentType, byte[] body) {
        Matcher m = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("multipart/form-data with a boundary is required");
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // closing delimiter
            }
            start = skipLineBreak(body, start);
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body is not terminated");
            }
            int end = next;
            if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
                end -= 2;
            }
            parts.add(part(Arrays.copyOfRange(body, start, end)));
            at = next;
        }
        return parts;
    }

    private static Part part(byte[] raw) {
        byte[] separator = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int split = indexOf(raw, separator, 0);
        if (split < 0) {
            throw new IllegalArgumentException("multipart part without headers");
        }
        String headers = new String(raw, 0, split, StandardCharsets.UTF_8);
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-disposition:")) {
                Matcher n = NAME.matcher(line);
                name = n.find() ? n.group(1) : null;
                Matcher f = FILENAME.matcher(line);
                filename = f.find() ? f.group(1) : null;
            } else if (lower.startsWith("content-type:")) {
                type = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return new Part(name, filename, type, Arrays.copyOfRange(raw, split + separator.length, raw.length));
    }

    private static int skipLineBreak(byte[] body, int at) {
        return at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n' ? at + 2 : at;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
