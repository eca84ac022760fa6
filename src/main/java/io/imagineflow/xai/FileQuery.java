package io.imagineflow.xai;

/**
 * Query of {@code GET /v1/files}. {@code filter} is an AIP-160 expression such as {@code filename="a.png"};
 * {@code after} is only for compatibility with older clients, {@code paginationToken} is the way to page.
 */
public record FileQuery(
        Integer limit, String order, String sortBy, String paginationToken, String after, String filter) {

    public static final int DEFAULT_LIMIT = 100;

    public FileQuery {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order must be asc or desc");
        }
    }

    public static FileQuery all() {
        return new FileQuery(null, null, null, null, null, null);
    }

    public static FileQuery pagesOf(int limit) {
        return new FileQuery(limit, null, null, null, null, null);
    }

    public FileQuery withPaginationToken(String token) {
        return new FileQuery(limit, order, sortBy, token, after, filter);
    }

    public FileQuery withFilter(String expression) {
        return new FileQuery(limit, order, sortBy, paginationToken, after, expression);
    }

    public FileQuery sorted(String by, String direction) {
        return new FileQuery(limit, direction, by, paginationToken, after, filter);
    }
}
