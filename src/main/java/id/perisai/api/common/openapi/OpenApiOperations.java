package id.perisai.api.common.openapi;

import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/** Walks every operation of a document, for the filters that complete the generated one. */
public final class OpenApiOperations {

    private OpenApiOperations() {
    }

    /** Calls {@code visit} with the path and each of its operations. */
    public static void forEach(OpenAPI openAPI, BiConsumer<String, Operation> visit) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                visit.accept(path.getKey(), operation);
            }
        }
    }
}
