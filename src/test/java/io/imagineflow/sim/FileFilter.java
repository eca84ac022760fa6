package io.imagineflow.sim;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of AIP-160 that file listings take here: comparisons ({@code = != > >= < <=}) of one field with a
 * quoted string or a number, joined by {@code AND}. Anything else is refused with a 400, never ignored.
 */
final class FileFilter {

    private static final Pattern TERM = Pattern.compile("\\s*([a-z_]+)\\s*(!=|>=|<=|=|>|<)\\s*(\"[^\"]*\"|-?\\d+)\\s*");

    private FileFilter() {}

    static Predicate<SimFile> parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return f -> true;
        }
        Predicate<SimFile> all = f -> true;
        for (String term : expression.split("\\s+AND\\s+")) {
            all = all.and(term(term));
        }
        return all;
    }

    private static Predicate<SimFile> term(String text) {
        Matcher m = TERM.matcher(text);
        if (!m.matches()) {
            throw SimError.invalid("filter: cannot read '" + text.strip() + "'");
        }
        String field = m.group(1);
        String op = m.group(2);
        String raw = m.group(3);
        boolean quoted = raw.startsWith("\"");
        String value = quoted ? raw.substring(1, raw.length() - 1) : raw;
        long n = field.equals("size_bytes") || field.equals("created_at") ? number(value, field) : 0;
        return switch (field) {
            case "name", "file_name", "filename" -> f -> compare(f.filename().compareTo(value), op);
            case "file_id" -> f -> compare(f.id().compareTo(value), op);
            case "content_type" -> f -> compare(f.contentType().compareTo(value), op);
            case "size_bytes" -> f -> compare(Long.compare(f.bytes().length, n), op);
            case "created_at" -> f -> compare(Long.compare(f.createdAt(), n), op);
            default -> throw SimError.invalid("filter: unknown field " + field);
        };
    }

    private static long number(String value, String field) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw SimError.invalid("filter: " + field + " takes a number");
        }
    }

    private static boolean compare(int c, String op) {
        return switch (op) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            default -> c <= 0;
        };
    }
}
