package io.imagineflow.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** SHA-256 fingerprints: job ids, request hashes and prompt hashes (a record never holds the prompt itself). */
public final class Hashes {

    private Hashes() {}

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The parts joined unambiguously (each is length-prefixed), then hashed. */
    public static String of(List<String> parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            String p = part == null ? "" : part;
            joined.append(p.length()).append(':').append(p).append('|');
        }
        return sha256(joined.toString());
    }

    /** Same request, same hash: the fields in a fixed order, tags sorted by name. */
    public static String request(JobRequest r) {
        return of(List.of(
                r.operation().id(),
                r.model(),
                String.valueOf(r.prompt()),
                r.inputs().toString(),
                r.options().toString(),
                String.valueOf(r.storage()),
                new TreeMap<>(r.tags()).toString(),
                String.valueOf(r.user())));
    }

    public static String prompt(String prompt) {
        return prompt == null ? null : sha256(prompt);
    }
}
