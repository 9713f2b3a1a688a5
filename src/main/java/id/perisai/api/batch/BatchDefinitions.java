package id.perisai.api.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import id.perisai.api.batch.spi.BatchDefinition;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.common.web.BulkUploadPaths;

/**
 * Every kind of batch the capabilities contribute ({@link BatchDefinition} beans), by name. A new kind is a new bean:
 * nothing here lists them. Also tells the HTTP layer which paths take bulk uploads.
 */
@ApplicationScoped
public class BatchDefinitions implements BulkUploadPaths {

    private final Map<String, BatchDefinition<?, ?>> byName = new LinkedHashMap<>();
    private final List<Pattern> uploadPaths = new ArrayList<>();

    public BatchDefinitions(Instance<BatchDefinition<?, ?>> definitions) {
        for (BatchDefinition<?, ?> definition : definitions) {
            BatchKind kind = definition.kind();
            if (byName.put(kind.name(), definition) != null) {
                throw new IllegalStateException("two batch definitions of kind " + kind.name());
            }
            uploadPaths.add(kind.collectionPattern());
        }
    }

    /** The definition of a kind stored in {@code batch.kind}. */
    public BatchDefinition<?, ?> of(String kind) {
        BatchDefinition<?, ?> definition = byName.get(kind);
        if (definition == null) {
            throw new IllegalStateException("no batch definition for kind " + kind);
        }
        return definition;
    }

    public BatchKind kind(String name) {
        return of(name).kind();
    }

    public Iterable<BatchDefinition<?, ?>> all() {
        return byName.values();
    }

    @Override
    public boolean isBulkUpload(String path) {
        for (Pattern p : uploadPaths) {
            if (p.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }
}
