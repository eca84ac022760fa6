package io.imagineflow.sim;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The 18 operations of xAI's OpenAPI document as the simulator matches them, by method and path. */
public enum Route {
    GENERATE_IMAGE("POST", "/v1/images/generations", "handle_generate_image_request", "GenerateImageRequest"),
    EDIT_IMAGE("POST", "/v1/images/edits", "handle_edit_image_request", "EditImageRequest"),
    GET_IMAGE("GET", "/v1/images/{request_id}", "handle_get_deferred_image_request", null),
    GENERATE_VIDEO("POST", "/v1/videos/generations", "handle_generate_video_request", "GenerateVideoRequest"),
    EDIT_VIDEO("POST", "/v1/videos/edits", "handle_edit_video_request", "EditVideoRequest"),
    EXTEND_VIDEO("POST", "/v1/videos/extensions", "handle_extend_video_request", "ExtendVideoRequest"),
    GET_VIDEO("GET", "/v1/videos/{request_id}", "handle_get_deferred_video_request", null),
    LIST_IMAGE_MODELS("GET", "/v1/image-generation-models", "handle_image_generation_models_list_request", null),
    GET_IMAGE_MODEL("GET", "/v1/image-generation-models/{model_id}", "handle_image_generation_model_get_request", null),
    LIST_VIDEO_MODELS("GET", "/v1/video-generation-models", "handle_video_generation_models_list_request", null),
    GET_VIDEO_MODEL("GET", "/v1/video-generation-models/{model_id}", "handle_video_generation_model_get_request", null),
    UPLOAD_FILE("POST", "/v1/files", "handle_upload_file_request", null),
    LIST_FILES("GET", "/v1/files", "handle_list_files_request", null),
    RETRIEVE_FILE("GET", "/v1/files/{file_id}", "handle_retrieve_file_request", null),
    DELETE_FILE("DELETE", "/v1/files/{file_id}", "handle_delete_file_request", null),
    FILE_CONTENT("GET", "/v1/files/{file_id}/content", "handle_download_file_content_request", null),
    CREATE_PUBLIC_URL(
            "POST", "/v1/files/{file_id}/public-url", "handle_create_public_url_request", "CreatePublicUrlRequest"),
    REVOKE_PUBLIC_URL("POST", "/v1/files/{file_id}/public-url/revoke", "handle_revoke_public_url_request", null);

    public final String method;
    public final String template;
    public final String operationId;
    /** The schema of the JSON request body, or null when the operation takes none (or multipart). */
    public final String requestSchema;

    private final Pattern pattern;

    Route(String method, String template, String operationId, String requestSchema) {
        this.method = method;
        this.template = template;
        this.operationId = operationId;
        this.requestSchema = requestSchema;
        this.pattern = Pattern.compile(template.replaceAll("\\{[a-z_]+}", "([^/]+)"));
    }

    /** A matched route and the value of its one path parameter, if it has one. */
    public record Match(Route route, String parameter) {}

    public static Match match(String method, String path) {
        for (Route route : values()) {
            if (!route.method.equals(method)) {
                continue;
            }
            Matcher m = route.pattern.matcher(path);
            if (m.matches()) {
                // "/v1/images/edits" must not be read as GET_IMAGE with id "edits": methods already differ.
                return new Match(route, m.groupCount() > 0 ? m.group(1) : null);
            }
        }
        return null;
    }

    public boolean generation() {
        return this == GENERATE_IMAGE
                || this == EDIT_IMAGE
                || this == GENERATE_VIDEO
                || this == EDIT_VIDEO
                || this == EXTEND_VIDEO;
    }

    public boolean poll() {
        return this == GET_IMAGE || this == GET_VIDEO;
    }

    public boolean video() {
        return this == GENERATE_VIDEO || this == EDIT_VIDEO || this == EXTEND_VIDEO || this == GET_VIDEO;
    }

    static final Map<String, Route> BY_OPERATION = Map.ofEntries(java.util.Arrays.stream(values())
            .map(r -> Map.entry(r.operationId, r))
            .toArray(Map.Entry[]::new));
}
