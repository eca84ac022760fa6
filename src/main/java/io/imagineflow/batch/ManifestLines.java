package io.imagineflow.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.job.JobInvalid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks a manifest before anything runs: JSON Lines, one job request (a JSON object) per line, no blank line
 * (Step Functions' JSONL reader would make it an item, and the line numbers would no longer name the jobs), at
 * most {@code maxLines}. What each request asks is checked by its own job, whose record says what was wrong.
 */
final class ManifestLines {

    private ManifestLines() {}

    static int count(InputStream manifest, int maxLines, ObjectMapper json) {
        int lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(manifest, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines++;
                if (lines > maxLines) {
                    throw new JobInvalid("manifest", "holds more than " + maxLines + " lines (one job each)");
                }
                if (line.isBlank()) {
                    throw new JobInvalid("manifest line " + lines, "is blank: every line must be one job request");
                }
                JsonNode request;
                try {
                    request = json.readTree(line);
                } catch (IOException e) {
                    throw new JobInvalid("manifest line " + lines, "is not JSON: every line must be one job request");
                }
                if (request == null || !request.isObject()) {
                    throw new JobInvalid("manifest line " + lines, "must be a JSON object (one job request)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines == 0) {
            throw new JobInvalid("manifest", "is empty: expected one job request per line");
        }
        return lines;
    }
}
