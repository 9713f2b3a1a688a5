package id.perisai.api.batch.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.rest.BatchResponse;
import id.perisai.api.batch.spi.BatchStatus;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET …/{batchId}/events} for every kind of batch: a {@code progress} event whenever processing advances (at
 * most every 500 ms), then a final {@code completed} or {@code failed} event and the end of the stream. Each event's
 * {@code id} is the number of records processed so far, so a reconnecting client's {@code Last-Event-ID} skips what it
 * has seen (the final event is always sent). Another partner's batch is a 404 before anything is streamed.
 */
@ApplicationScoped
public class ProgressStreams {

    /** The data of a progress event. */
    public record Progress(
            String status,
            BatchResponse.Totals totals,
            int processed) {
    }

    private final BatchRepository batches;
    private final BatchProgress progress;
    private final ObjectMapper json;

    public ProgressStreams(BatchRepository batches, BatchProgress progress, ObjectMapper json) {
        this.batches = batches;
        this.progress = progress;
        this.json = json;
    }

    /** The stream of a batch {@link ProgressStreamFilter} has looked up (another partner's never gets here). */
    public Multi<OutboundSseEvent> events(BatchRepository.BatchRow batch, String lastEventId, Sse sse) {
        int seen = lastSeen(lastEventId);
        return progress.watch(batch.id(), BatchProgress.Snapshot.of(batch))
                .filter(s -> s.finished() || s.processed() > seen)
                .map(s -> event(sse, s));
    }

    static int lastSeen(String lastEventId) {
        if (lastEventId == null || lastEventId.length() > 10) {
            return -1;
        }
        try {
            return Integer.parseInt(lastEventId.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private OutboundSseEvent event(Sse sse, BatchProgress.Snapshot s) {
        String name = !s.finished() ? "progress" : s.status() == BatchStatus.FAILED ? "failed" : "completed";
        String data;
        try {
            data = json.writeValueAsString(new Progress(s.status().name(),
                    new BatchResponse.Totals(s.received(), s.accepted(), s.duplicate(), s.rejected()), s.processed()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return sse.newEventBuilder().name(name).id(Integer.toString(s.processed())).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(data).build();
    }
}
