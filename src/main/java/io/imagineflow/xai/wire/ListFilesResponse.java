package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code ListFilesResponse}; the token is present on every page in the schema and absent on the last page in
 * the proto: both are read. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record ListFilesResponse(List<XaiFile> data, String paginationToken) {}
