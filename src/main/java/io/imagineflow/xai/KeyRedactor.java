package io.imagineflow.xai;

import java.util.regex.Pattern;

/** Removes anything shaped like an xAI key or a bearer token from text that may end up in logs or records. */
public final class KeyRedactor {

    private static final Pattern SECRETS = Pattern.compile("(xai-[A-Za-z0-9_-]{6,})|((?i:bearer)\\s+[^\\s\"',]+)");

    private KeyRedactor() {}

    public static String redact(String text) {
        return text == null ? null : SECRETS.matcher(text).replaceAll("[redacted]");
    }
}
