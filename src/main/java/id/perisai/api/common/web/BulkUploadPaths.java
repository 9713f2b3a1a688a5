package id.perisai.api.common.web;

/**
 * Contributed by the capabilities that take bulk uploads (the batch engine, the registry import): which request paths
 * may carry a body up to the bulk limit ({@code PERISAI_HTTP_MAX_BODY_SIZE}) rather than the small JSON limit.
 */
public interface BulkUploadPaths {

    boolean isBulkUpload(String path);
}
