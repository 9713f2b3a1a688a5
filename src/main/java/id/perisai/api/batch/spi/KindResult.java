package id.perisai.api.batch.spi;

/**
 * A kind's per-record result: the engine's {@link RecordResult} (embedded with {@code @JsonUnwrapped}, so partners see
 * one flat object) and the kind's own members beside it.
 */
public interface KindResult {

    RecordResult common();
}
