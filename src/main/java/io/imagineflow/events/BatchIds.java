package io.imagineflow.events;

import java.util.regex.Pattern;

/**
 * What a batch id may be: short enough that its jobs' ids ({@code <batch>-<line>}) stay valid Step Functions
 * execution names (80 characters), which the batch machine names its jobs' executions by.
 */
public final class BatchIds {

    public static final String RULE = "must be 1 to 60 letters, digits, '-' or '_'";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,60}");

    private BatchIds() {}

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
