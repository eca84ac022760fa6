package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code ListFilesResponse}; the token is present on every page in the schema and absent on the last page in the proto: both are read. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ListFilesResponse(List<XaiFile> data, String paginationToken) {
}
