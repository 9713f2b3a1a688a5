package id.perisai.api.sponsorship.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.csv.CsvCells;
import id.perisai.api.common.db.Db;
import id.perisai.api.common.idempotency.IdempotencyKeys;
import id.perisai.api.common.idempotency.IdempotencyStore;
import id.perisai.api.common.idempotency.IdempotencyStore.Completed;
import id.perisai.api.common.idempotency.IdempotencyStore.InFlight;
import id.perisai.api.common.idempotency.IdempotencyStore.Owned;
import id.perisai.api.common.problem.ConflictException;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.PublicLinks;
import id.perisai.api.contribution.repository.ContributionBatchRepository;
import id.perisai.api.contribution.repository.ContributionBatchRepository.ByteKey;
import id.perisai.api.contribution.repository.ContributionBatchRepository.Locked;
import id.perisai.api.contribution.repository.ContributionBatchRepository.MonthRow;
import id.perisai.api.contribution.repository.ContributionBatchRepository.Written;
import id.perisai.api.contribution.rules.ContributionCalculator.Basis;
import id.perisai.api.contribution.rules.ContributionCalculator.MonthDue;
import id.perisai.api.contribution.rules.PaymentDecision;
import id.perisai.api.contribution.rules.RateTable;
import id.perisai.api.contribution.service.Rates;
import id.perisai.api.incentive.scheme.SchemeCalculator.CoveredMonth;
import id.perisai.api.incentive.service.IncentiveLedger;
import id.perisai.api.incentive.service.Schemes;
import id.perisai.api.participant.rules.Occupation;
import id.perisai.api.quota.service.QuotaService;
import id.perisai.api.security.Caller;
import id.perisai.api.sponsorship.dto.InvoicePaymentRequest;
import id.perisai.api.sponsorship.dto.InvoicePaymentResponse;
import id.perisai.api.sponsorship.dto.InvoiceResponse;
import id.perisai.api.sponsorship.repository.SponsorshipRepository;
import id.perisai.api.sponsorship.repository.SponsorshipRepository.MemberRow;
import id.perisai.api.sponsorship.repository.SponsorshipRepository.SponsorshipRow;
import id.perisai.api.sponsorship.rules.InvoiceRule;
import id.perisai.api.sponsorship.rules.InvoiceRule.Placement;
import id.perisai.api.sponsorship.rules.SponsorPayerType;
import id.perisai.api.sponsorship.rules.SponsorshipStatus;
import id.perisai.api.webhook.delivery.WebhookDispatcher;
import id.perisai.api.webhook.event.WebhookEventType;
import id.perisai.api.webhook.event.WebhookOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Monthly invoices of a sponsorship and their payment (growth.md §2). An OPEN invoice is computed from the roster and
 * the members' coverage as they stand ({@link InvoiceRule}); paying it, in one transaction that locks the sponsorship
 * and then the members' participant rows, recomputes it, requires the amount to equal its total, consumes the
 * contributions quota, records one contribution per line (payer type and name of the sponsorship) with its covered
 * month, the members' new coverage and the incentive lines (rules.md §6) — through the contribution batches' own write
 * statement, the invoice's id standing as their batch id — stores the invoice as PAID, its audit record and the
 * Idempotency-Key's answer. The invoice's primary key (sponsorship, month) makes a second payment impossible on any
 * replica; a retry with the same key gets the first answer.
 */
@ApplicationScoped
public class InvoiceService {

    /** A paidAt may be this far ahead (clock skew between systems), as for contribution records. */
    static final Duration PAID_AT_SKEW = Duration.ofMinutes(5);
    /**
     * The month path segment that names the current WIB month. It lets a document fixed at build time carry invoice
     * examples that are payable on any date (the dev seed's demo sponsorship starts in the month of seeding), where a
     * literal month would leave the console's examples unpayable once the seeded members lapse.
     */
    public static final String CURRENT_MONTH = "current";
    static final ProblemType AMOUNT_MISMATCH = new ProblemType(422, "amount-mismatch",
            "The amount is not the invoice's total");

    /** An invoice as computed now, with what a payment writes. */
    record Computed(SponsorshipRow sponsorship, YearMonth month, InvoiceResponse invoice, List<MemberRow> payable,
            List<MonthDue> dues) {
    }

    private final SponsorshipRepository repository;
    private final SponsorshipService sponsorships;
    private final ContributionBatchRepository contributions;
    private final Rates rates;
    private final Schemes schemes;
    private final IncentiveLedger ledger;
    private final QuotaService quota;
    private final IdempotencyStore idempotency;
    private final AuditLog audit;
    private final TimeSource time;
    private final ObjectMapper json;
    private final PublicLinks links;
    private final SponsorshipMetrics metrics;
    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;

    /** The {@code data} of {@code sponsorship.invoice.paid} (documented by WebhooksDocumentFilter): no personal data. */
    public record PaidEvent(UUID sponsorshipId,
            String month,
            String payerType,
            String paymentRef,
            int count,
            long totalAmount,
            OffsetDateTime paidAt,
            OffsetDateTime acceptedAt) {
    }

    public InvoiceService(SponsorshipRepository repository, SponsorshipService sponsorships,
            ContributionBatchRepository contributions, Rates rates, Schemes schemes, IncentiveLedger ledger,
            QuotaService quota, IdempotencyStore idempotency, AuditLog audit, TimeSource time, ObjectMapper json,
            PublicLinks links, SponsorshipMetrics metrics, WebhookOutbox outbox, WebhookDispatcher dispatcher) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.repository = repository;
        this.sponsorships = sponsorships;
        this.contributions = contributions;
        this.rates = rates;
        this.schemes = schemes;
        this.ledger = ledger;
        this.quota = quota;
        this.idempotency = idempotency;
        this.audit = audit;
        this.time = time;
        this.json = json;
        this.links = links;
        this.metrics = metrics;
    }

    /** The invoice of a month of the sponsorship: as paid, or computed now. */
    public Uni<InvoiceResponse> invoice(Caller caller, String sponsorshipId, String month) {
        return sponsorships.visible(caller, sponsorshipId).<InvoiceResponse> flatMap(s -> {
            YearMonth m = month(s, month);
            return repository.paidInvoice(repository.pool(), s.id(), m.atDay(1)).flatMap(paid -> {
                if (paid != null) {
                    return Uni.createFrom().item(document(paid.document()));
                }
                return rates.current().flatMap(table -> compute(repository.pool(), s, m, table, false))
                        .map(c -> c.invoice());
            });
        }).invoke(i -> metrics.invoice(i.status()));
    }

    /**
     * The invoice's month: within the sponsorship and at most 12 months ahead (a payment may reach no further);
     * {@link #CURRENT_MONTH} is the current WIB month when the request arrives.
     */
    YearMonth month(SponsorshipRow s, String month) {
        YearMonth m;
        try {
            m = CURRENT_MONTH.equals(month) ? time.currentMonthWib()
                    : month != null && month.matches("\\d{4}-\\d{2}") ? YearMonth.parse(month) : null;
        } catch (DateTimeParseException e) {
            m = null;
        }
        if (m == null || m.isBefore(YearMonth.from(s.fromMonth())) || m.isAfter(YearMonth.from(s.toMonth()))
                || m.isAfter(time.currentMonthWib().plusMonths(PaymentDecision.MAX_MONTHS_AHEAD))) {
            throw new ResourceNotFoundException("Invoice");
        }
        return m;
    }

    Uni<Computed> compute(SqlClient client, SponsorshipRow s, YearMonth month, RateTable table, boolean lock) {
        YearMonth current = time.currentMonthWib();
        SponsorPayerType payer = SponsorPayerType.valueOf(s.payerType());
        return repository.members(client, s.id(), month.atDay(1), null, SponsorshipService.ALL, lock).map(members -> {
            List<InvoiceResponse.Line> lines = new ArrayList<>();
            List<InvoiceResponse.Excluded> excluded = new ArrayList<>();
            List<MemberRow> payable = new ArrayList<>();
            List<MonthDue> dues = new ArrayList<>();
            long total = 0;
            for (MemberRow m : members) {
                Occupation occupation = Occupation.ofCode(m.occupation());
                if (occupation == null || m.monthlyIncome() == null) {
                    excluded.add(new InvoiceResponse.Excluded(m.participantId(), "VOID"));
                    continue;
                }
                Placement p = InvoiceRule.place(new InvoiceRule.Member(m.storedStatus(), m.registrationMonth(),
                        m.coveredUntil(), new Basis(m.monthlyIncome(), occupation.occupationClass(), m.jht())), month,
                        current, payer, table);
                if (p.reason() != null) {
                    excluded.add(new InvoiceResponse.Excluded(m.participantId(), p.reason().name()));
                    continue;
                }
                lines.add(new InvoiceResponse.Line(m.participantId(), m.nikMasked(), m.agentCode(), p.due().amount()));
                payable.add(m);
                dues.add(p.due());
                total += p.due().amount();
            }
            InvoiceResponse invoice = new InvoiceResponse(month.toString(), "OPEN", List.copyOf(lines),
                    List.copyOf(excluded), lines.size(), total, null);
            return new Computed(s, month, invoice, payable, dues);
        });
    }

    /** Pays the invoice: 201 with the contributions, or the first answer again for a retry with the same key. */
    public Uni<RestResponse<InvoicePaymentResponse>> pay(Caller caller, String sponsorshipId, String month,
            String idempotencyKey, InvoicePaymentRequest request) {
        String key = IdempotencyKeys.require(idempotencyKey);
        OffsetDateTime paidAt;
        try {
            paidAt = OffsetDateTime.parse(request.paidAt());
        } catch (DateTimeParseException e) {
            paidAt = null;
        }
        if (paidAt == null || paidAt.toInstant().isAfter(time.now().plus(PAID_AT_SKEW))) {
            throw new InvalidInputException("paidAt", "PAID_AT_INVALID",
                    "must be a past date-time with its offset (RFC 3339), e.g. 2026-12-05T10:00:00+07:00");
        }
        OffsetDateTime paid = paidAt;
        long partnerId = caller.requirePartnerId();
        byte[] hash = hash(request);
        return sponsorships.visible(caller, sponsorshipId).flatMap(s -> {
            YearMonth m = month(s, month);
            // a key used with "current" stays bound to the month it first paid: its retry after the month has turned
            // gets the first answer instead of paying the new month's invoice
            String operation = "sponsorship-payment:" + s.id() + ":" + (CURRENT_MONTH.equals(month) ? month : m);
            return idempotency.claim(partnerId, operation, key).flatMap(claim -> {
                if (claim instanceof InFlight) {
                    return Uni.createFrom().failure(IdempotencyKeys.inFlight());
                }
                if (claim instanceof Completed done) {
                    if (!MessageDigest.isEqual(hash, done.requestHash())) {
                        return Uni.createFrom().failure(IdempotencyKeys.reused());
                    }
                    return Uni.createFrom().item(replay(done));
                }
                UUID owner = ((Owned) claim).owner();
                return payOwned(caller, s, m, request, paid, hash, operation, key, owner)
                        .onFailure().call(e -> idempotency.release(partnerId, operation, key, owner)
                                .onFailure().recoverWithNull());
            });
        });
    }

    private Uni<RestResponse<InvoicePaymentResponse>> payOwned(Caller caller, SponsorshipRow visible, YearMonth month,
            InvoicePaymentRequest request, OffsetDateTime paidAt, byte[] hash, String operation, String key, UUID owner) {
        UUID invoiceId = UUID.randomUUID();
        OffsetDateTime acceptedAt = time.now().atOffset(ZoneOffset.UTC);
        IncentiveLedger.Lines[] written = { IncentiveLedger.Lines.NONE };
        String location = links.to("v1/sponsorships", visible.id().toString(), "invoices", month.toString());
        return rates.current().flatMap(table -> schemes.current().flatMap(schemeList -> repository.pool()
                .withTransaction(tx -> tx.preparedQuery("select 1 from sponsorship where id = $1 for update")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(visible.id()))
                        .flatMap(v -> repository.find(tx, visible.id(), caller.partnerId()))
                        .flatMap(s -> {
                            if (SponsorshipStatus.valueOf(s.status()) == SponsorshipStatus.ENDED) {
                                return Uni.createFrom().failure(new ConflictException("The sponsorship has ended"));
                            }
                            return repository.paidInvoice(tx, s.id(), month.atDay(1)).flatMap(already -> {
                                if (already != null) {
                                    return Uni.createFrom().failure(alreadyPaid());
                                }
                                return compute(tx, s, month, table, true);
                            });
                        })
                        .flatMap(c -> {
                            if (c.invoice().count() == 0) {
                                return Uni.createFrom().<InvoicePaymentResponse> failure(new ProblemException(
                                        ProblemType.UNPROCESSABLE, "No member is payable for this month",
                                        List.of(new FieldError("month", "NOTHING_DUE",
                                                "every member is excluded from this month's invoice"))));
                            }
                            if (c.invoice().totalAmount() != request.amount()) {
                                return Uni.createFrom().<InvoicePaymentResponse> failure(new ProblemException(
                                        AMOUNT_MISMATCH, "The invoice's total is " + c.invoice().totalAmount(),
                                        List.of(new FieldError("amount", "AMOUNT_MISMATCH",
                                                "the invoice's total is " + c.invoice().totalAmount())))
                                        .with("expectedAmount", c.invoice().totalAmount()));
                            }
                            return quota.consume(tx, caller, "contributions", c.invoice().count())
                                    .flatMap(used -> record(tx, c, invoiceId, request, paidAt, acceptedAt, schemeList,
                                            written))
                                    .flatMap(response -> store(tx, caller, c, invoiceId, request, paidAt, acceptedAt,
                                            response, hash, operation, key, owner, location));
                        })))
                .map(response -> {
                    ledger.committed(written[0]);
                    dispatcher.wake();
                    metrics.invoice("PAID");
                    metrics.paid(visible.payerType(), response.totalAmount());
                    return RestResponse.ResponseBuilder.<InvoicePaymentResponse> create(RestResponse.Status.CREATED)
                            .entity(response).header("Location", location).build();
                }));
    }

    /** One contribution per line, with its month, the coverage and the incentive lines. */
    private Uni<InvoicePaymentResponse> record(SqlClient tx, Computed c, UUID invoiceId, InvoicePaymentRequest request,
            OffsetDateTime paidAt, OffsetDateTime acceptedAt, List<id.perisai.api.incentive.scheme.IncentiveScheme> schemes,
            IncentiveLedger.Lines[] written) {
        List<ByteKey> keys = c.payable().stream().map(m -> new ByteKey(Buffer.buffer(m.nikIndex()))).toList();
        return contributions.lockParticipants(tx, invoiceId, keys, false).flatMap(locked -> {
            List<Written> records = new ArrayList<>();
            List<MonthRow> months = new ArrayList<>();
            List<IncentiveLedger.Accepted> earning = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            String payerType = c.sponsorship().payerType();
            LocalDate monthStart = c.month().atDay(1);
            for (int i = 0; i < c.payable().size(); i++) {
                MemberRow m = c.payable().get(i);
                MonthDue due = c.dues().get(i);
                Locked l = locked.get(keys.get(i));
                UUID contributionId = UUID.randomUUID();
                ids.add(contributionId);
                int membershipMonth = PaymentDecision.membershipMonth(m.registrationMonth(), c.month());
                months.add(new MonthRow(contributionId, monthStart, membershipMonth, due.jkk(), due.jkm(), due.jht(),
                        due.discounted()));
                records.add(new Written(i + 1, RecordOutcome.ACCEPTED.name(), null, contributionId, m.participantId(),
                        request.paymentRef() + "#" + (i + 1), monthStart, 1, due.amount(), payerType,
                        c.sponsorship().payerName(), paidAt, monthStart, null, null));
                earning.add(new IncentiveLedger.Accepted(contributionId, m.participantId(), l == null ? null : l.earner(),
                        m.coveredUntil() == null, List.of(new CoveredMonth(membershipMonth, due.amount()))));
            }
            IncentiveLedger.Lines lines = IncentiveLedger.price(schemes, acceptedAt, earning);
            return contributions.write(tx, invoiceId, c.sponsorship().partnerId(), acceptedAt, false, records, months)
                    .flatMap(counts -> {
                        if (counts[0] != records.size()) {
                            // a member's payment reference (paymentRef#n) was already used by the partner
                            return Uni.createFrom().<Integer> failure(new ConflictException(
                                    "The partner already has a payment with this reference"));
                        }
                        return ledger.write(tx, lines, acceptedAt);
                    })
                    .invoke(n -> written[0] = lines)
                    .replaceWith(new InvoicePaymentResponse(request.paymentRef(), c.month().toString(), records.size(),
                            c.invoice().totalAmount(), List.copyOf(ids)));
        });
    }

    private Uni<InvoicePaymentResponse> store(SqlClient tx, Caller caller, Computed c, UUID invoiceId,
            InvoicePaymentRequest request, OffsetDateTime paidAt, OffsetDateTime acceptedAt, InvoicePaymentResponse response,
            byte[] hash, String operation, String key, UUID owner, String location) {
        InvoiceResponse paid = new InvoiceResponse(c.invoice().month(), "PAID", c.invoice().lines(), c.invoice().excluded(),
                c.invoice().count(), c.invoice().totalAmount(), request.paymentRef());
        return repository.insertInvoice(tx, c.sponsorship().id(), c.month().atDay(1), invoiceId,
                c.sponsorship().partnerId(), request.paymentRef(), response.totalAmount(), response.count(), paidAt,
                acceptedAt, write(paid))
                .onFailure(e -> Db.isUniqueViolation(e, "sponsorship_invoice_pkey")).transform(e -> alreadyPaid())
                .onFailure(e -> Db.isUniqueViolation(e, "sponsorship_invoice_payment_ref_uk"))
                .transform(e -> new ConflictException("The partner already has a payment with this reference"))
                .call(() -> audit.record(tx, Actor.of(caller), AuditEntry.of("SPONSORSHIP_INVOICE_PAID",
                        c.sponsorship().partnerCode(), "sponsorship-invoice", c.sponsorship().id() + "/" + c.month())
                        .with(Map.of("count", response.count(), "totalAmount", response.totalAmount(), "payerType",
                                c.sponsorship().payerType()))))
                .call(() -> idempotency.complete(tx, caller.requirePartnerId(), operation, key, owner, hash, 201,
                        write(response), location))
                // the event commits or rolls back with the payment (transactional outbox)
                .call(() -> outbox.emit(tx, c.sponsorship().partnerId(), WebhookEventType.SPONSORSHIP_INVOICE_PAID,
                        new PaidEvent(c.sponsorship().id(), c.month().toString(), c.sponsorship().payerType(),
                                request.paymentRef(), response.count(), response.totalAmount(), paidAt,
                                acceptedAt)))
                .replaceWith(response);
    }

    private RestResponse<InvoicePaymentResponse> replay(Completed done) {
        try {
            InvoicePaymentResponse body = json.readValue(done.body(), InvoicePaymentResponse.class);
            return RestResponse.ResponseBuilder.<InvoicePaymentResponse> create(done.status()).entity(body)
                    .header("Location", done.location()).header("Idempotent-Replayed", "true").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConflictException alreadyPaid() {
        return new ConflictException("The invoice of this month is already paid");
    }

    static byte[] hash(InvoicePaymentRequest r) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((r.paymentRef() + "\n" + r.amount() + "\n" + r.paidAt())
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private InvoiceResponse document(String stored) {
        try {
            return json.readValue(stored, InvoiceResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String csv(InvoiceResponse invoice) {
        StringBuilder sb = new StringBuilder();
        CsvCells.row(sb, "month", "status", "participantId", "nikMasked", "agentCode", "amount", "excludedReason");
        for (InvoiceResponse.Line l : invoice.lines()) {
            CsvCells.row(sb, invoice.month(), invoice.status(), l.participantId(), l.nikMasked(), l.agentCode(), l.amount(),
                    null);
        }
        for (InvoiceResponse.Excluded e : invoice.excluded()) {
            CsvCells.row(sb, invoice.month(), invoice.status(), e.participantId(), null, null, null, e.reason());
        }
        CsvCells.row(sb, invoice.month(), invoice.status(), "TOTAL", null, null, invoice.totalAmount(), null);
        return sb.toString();
    }
}
