package id.perisai.api.contribution.service;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.contribution.dto.QuoteRequest;
import id.perisai.api.contribution.dto.QuoteResponse;
import id.perisai.api.contribution.repository.ContributionRepository;
import id.perisai.api.contribution.rules.ContributionCalculator;
import id.perisai.api.contribution.rules.ContributionCalculator.Basis;
import id.perisai.api.contribution.rules.ContributionCalculator.Due;
import id.perisai.api.contribution.rules.ContributionRecordValidator;
import id.perisai.api.contribution.rules.PayerType;
import id.perisai.api.participant.rules.Occupation;
import id.perisai.api.security.crypto.PiiCrypto;
import io.smallrye.mutiny.Uni;

/**
 * The exact amount due for some months of a participant and a payer, with the same calculator the batches use. Any
 * partner may ask for any non-void participant it can name by NIK (payers are not always the registering partner).
 */
@ApplicationScoped
public class QuoteService {

    private final ContributionRepository contributions;
    private final Rates rates;
    private final PiiCrypto crypto;
    private final TimeSource time;

    public QuoteService(ContributionRepository contributions, Rates rates, PiiCrypto crypto, TimeSource time) {
        this.contributions = contributions;
        this.rates = rates;
        this.crypto = crypto;
        this.time = time;
    }

    public Uni<QuoteResponse> quote(QuoteRequest request) {
        Checked checked = check(request, time.now());
        return contributions.basisByNikIndex(crypto.blindIndex(checked.nik().digits())).flatMap(row -> {
            if (row == null || Occupation.ofCode(row.getString("occupation")) == null) {
                return Uni.createFrom().<QuoteResponse> failure(new ResourceNotFoundException("Participant"));
            }
            Basis basis = new Basis(row.getLong("monthly_income"),
                    Occupation.ofCode(row.getString("occupation")).occupationClass(),
                    Boolean.TRUE.equals(row.getBoolean("jht")));
            return rates.current().map(table -> {
                Due due = ContributionCalculator.due(table, basis, checked.payer(), checked.start(), checked.months());
                return new QuoteResponse(due.amount(), due.months().stream().map(m -> new QuoteResponse.MonthDue(
                        m.month().toString(), m.jkk(), m.jkm(), m.jht(), m.discounted())).toList());
            });
        });
    }

    record Checked(Nik nik, YearMonth start, int months, PayerType payer) {
    }

    /** The same form rules as a payment record, for the quote's four fields. */
    static Checked check(QuoteRequest request, Instant now) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("nik", request.nik());
        record.put("periodStart", request.periodStart());
        if (request.months() != null) {
            record.put("months", request.months());
        }
        record.put("payerType", request.payerType());
        // the fields a quote does not have are filled with valid placeholders, so only the quote's own errors remain
        record.put("paymentRef", "quote");
        record.put("amount", 1);
        record.put("payerName", "quote");
        record.put("paidAt", "2000-01-01T00:00:00Z");
        var result = ContributionRecordValidator.validate(record, false, now);
        if (result.valid() == null) {
            List<FieldError> errors = new ArrayList<>(result.errors());
            throw new InvalidInputException(errors);
        }
        var v = result.valid();
        return new Checked(v.nik(), v.periodStart(), v.months(), v.payerType());
    }
}
