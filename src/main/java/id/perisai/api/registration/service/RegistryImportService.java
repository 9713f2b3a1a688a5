package id.perisai.api.registration.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.ingest.BodyStream;
import id.perisai.api.common.ingest.MalformedBodyException;
import id.perisai.api.common.ingest.RecordFormat;
import id.perisai.api.common.ingest.RecordReader;
import id.perisai.api.common.ingest.upload.UploadReceiver;
import id.perisai.api.common.ingest.upload.UploadSlots;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.registration.dto.RegistryImportResponse;
import id.perisai.api.registration.dto.RegistryImportResponse.ImportError;
import id.perisai.api.registration.repository.RegistryImportRepository;
import id.perisai.api.registration.repository.RegistryImportRepository.Outcome;
import id.perisai.api.registration.rules.RegistryRecordValidator;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Imports participants registered through other channels (agency staff), upserting by NIK. The body is first received
 * into an encrypted local spool file (no connection held while it arrives, {@link UploadReceiver}), then read as a
 * stream and written in chunks, in one transaction: a body that turns out malformed halfway changes nothing.
 */
@ApplicationScoped
public class RegistryImportService {

    static final int MAX_ERRORS = 1000;
    static final int CHUNK = 2000;
    /** Agency staff's uploads share one upload slot count (they act for no partner). */
    static final long AGENCY = 0;

    private final RegistryImportRepository registry;
    private final PiiCrypto crypto;
    private final AuditLog audit;
    private final TimeSource time;
    private final ObjectMapper json;
    private final long maxBody;
    private final UploadReceiver receiver;
    private final UploadSlots slots;

    public RegistryImportService(RegistryImportRepository registry, PiiCrypto crypto, AuditLog audit, TimeSource time,
            ObjectMapper json, UploadReceiver receiver, UploadSlots slots, PerisaiConfig config) {
        this.registry = registry;
        this.receiver = receiver;
        this.slots = slots;
        this.crypto = crypto;
        this.audit = audit;
        this.time = time;
        this.json = json;
        this.maxBody = config.http().maxBodySize().asLongValue();
    }

    /** Column arrays of a chunk to upsert. */
    private static final class Chunk {
        final List<Integer> idx = new ArrayList<>();
        final List<byte[]> nikIndex = new ArrayList<>();
        final List<byte[]> nikCipher = new ArrayList<>();
        final List<String> nikMasked = new ArrayList<>();
        final List<String> status = new ArrayList<>();
        final List<LocalDate> registeredOn = new ArrayList<>();
    }

    /** Receives the import (call on the request's event loop), then applies it on a worker thread. */
    public Uni<RegistryImportResponse> importParticipants(Caller caller, String contentType, RoutingContext ctx) {
        RecordFormat format;
        UploadSlots.Slot slot;
        try {
            format = RecordFormat.of(contentType);
            slot = slots.acquire(AGENCY);
        } catch (RuntimeException e) {
            UploadReceiver.refuseBody(ctx);
            return Uni.createFrom().failure(e);
        }
        return receiver.receive(ctx, maxBody, () -> {
        }).emitOn(Infrastructure.getDefaultWorkerPool()).map(file -> {
            try (InputStream spooled = file.open()) {
                return apply(caller, format, spooled);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                file.delete();
            }
        }).onTermination().invoke(slot::close);
    }

    private RegistryImportResponse apply(Caller caller, RecordFormat format, InputStream raw) {
        BodyStream body = new BodyStream(raw, maxBody);
        LocalDate today = time.todayWib();
        int[] counts = new int[4]; // received, created, updated, rejected
        List<ImportError> errors = new ArrayList<>();
        SqlConnection connection = registry.connection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            registry.begin(connection).await().indefinitely();
            RecordReader reader = format.reader(body, json, 16);
            Chunk chunk = new Chunk();
            for (ObjectNode record; (record = next(reader)) != null;) {
                int index = ++counts[0];
                RegistryRecordValidator.Result result = RegistryRecordValidator.validate(record, today);
                if (result.valid() == null) {
                    counts[3]++;
                    for (FieldError e : result.errors()) {
                        addError(errors, new ImportError(index, e.field(), e.code(), e.message()));
                    }
                    continue;
                }
                String nik = result.valid().nik().digits();
                chunk.idx.add(index);
                chunk.nikIndex.add(crypto.blindIndex(nik));
                chunk.nikCipher.add(crypto.encrypt(nik));
                chunk.nikMasked.add(result.valid().nik().masked());
                chunk.status.add(result.valid().status());
                chunk.registeredOn.add(result.valid().registeredOn());
                if (chunk.idx.size() >= CHUNK) {
                    apply(connection, chunk, counts, errors);
                    chunk = new Chunk();
                }
            }
            if (!chunk.idx.isEmpty()) {
                apply(connection, chunk, counts, errors);
            }
            if (counts[0] == 0) {
                throw new InvalidInputException("records", "REQUIRED", "the import has no records");
            }
            audit.record(connection, AuditEntry.Actor.of(caller), AuditEntry.of("REGISTRY_IMPORTED", null,
                    "participant_registry", null).with(
                            Map.of("received", counts[0], "created", counts[1],
                                    "updated", counts[2], "rejected", counts[3])))
                    .await().indefinitely();
            tx.commit().await().indefinitely();
            boolean truncated = errors.size() >= MAX_ERRORS;
            return new RegistryImportResponse(counts[0], counts[1], counts[2], counts[3], errors,
                    truncated ? Boolean.TRUE : null);
        } finally {
            connection.close().await().indefinitely();
        }
    }

    private void apply(SqlConnection tx, Chunk chunk, int[] counts, List<ImportError> errors) {
        List<Outcome> outcomes = registry.upsert(tx, chunk.idx, chunk.nikIndex, chunk.nikCipher, chunk.nikMasked,
                chunk.status, chunk.registeredOn, time.currentMonthWib().atDay(1)).await().indefinitely();
        for (Outcome o : outcomes) {
            switch (o.outcome()) {
                case "CREATED" -> counts[1]++;
                case "UPDATED" -> counts[2]++;
                case "DUPLICATE" -> {
                    counts[3]++;
                    addError(errors, new ImportError(o.index(), "nik", "DUPLICATE_IN_BATCH",
                            "the same NIK is in record " + o.firstIndex() + " of this import"));
                }
                default -> {
                    counts[3]++;
                    addError(errors, new ImportError(o.index(), "nik", "PARTICIPANT_VOID",
                            "the participant is VOID and cannot be changed by an import"));
                }
            }
        }
    }

    private static void addError(List<ImportError> errors, ImportError error) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    private static ObjectNode next(RecordReader reader) {
        try {
            return reader.next();
        } catch (IOException e) {
            throw new MalformedBodyException("The request body could not be read completely");
        }
    }
}
