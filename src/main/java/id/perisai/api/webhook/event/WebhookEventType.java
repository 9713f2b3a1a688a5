package id.perisai.api.webhook.event;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The event catalogue of events.md: what an endpoint can subscribe to. A capability that emits a new kind of event adds
 * a constant here and calls {@link WebhookOutbox#emit} in the transaction of the change.
 */
@Schema(name = "WebhookEventType", type = SchemaType.STRING, description = "A type of event", enumeration = {
        "batch.completed", "batch.failed", "statement.closed", "participant.lapsed",
        "sponsorship.invoice.paid" }, example = "batch.completed")
public enum WebhookEventType {
    /** A batch of any kind became COMPLETED; {@code data} is the batch with its kind. */
    BATCH_COMPLETED("batch.completed"),
    /** A batch of any kind became FAILED; {@code data} is the batch with its kind. */
    BATCH_FAILED("batch.failed"),
    /** An incentive period closed: the partner's statement totals. */
    STATEMENT_CLOSED("statement.closed"),
    /** Daily: ids of the participants the partner manages that became LAPSED that day, at most 1,000 per event. */
    PARTICIPANT_LAPSED("participant.lapsed"),
    /** A sponsorship invoice was paid. */
    SPONSORSHIP_INVOICE_PAID("sponsorship.invoice.paid");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in the database, e.g. {@code batch.completed}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> find(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    @JsonCreator
    public static WebhookEventType of(String wireName) {
        return find(wireName).orElseThrow(() -> new IllegalArgumentException("not an event type"));
    }
}
