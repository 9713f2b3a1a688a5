package id.perisai.api.incentive.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.incentive.dto.SchemeDto;
import id.perisai.api.incentive.dto.SchemeDto.Acquisition;
import id.perisai.api.incentive.dto.SchemeDto.Band;
import id.perisai.api.incentive.dto.SchemeDto.Milestone;
import id.perisai.api.incentive.dto.SchemeDto.PartnerShare;
import id.perisai.api.incentive.scheme.IncentiveScheme.ShareMode;

/** A new scheme version: well-formed parameters, starting in a month after the current one. */
class SchemeRulesTest {

    static final YearMonth NOW = YearMonth.of(2026, 11);

    static SchemeDto valid() {
        return new SchemeDto(null, "PERISAI-2027", "Insentif Perisai 2027", "Perdir 5/2026", LocalDate.of(2027, 1, 1),
                null, new Acquisition(12_000L, 18_000L, 20), null,
                List.of(new Band(25, 60, new BigDecimal("5")), new Band(1, 24, new BigDecimal("15"))),
                new PartnerShare("ON_TOP", new BigDecimal("10")));
    }

    static List<String> codes(UnaryOperator<SchemeDto> change) {
        return SchemeRules.check(change.apply(valid()), NOW).errors().stream().map(e -> e.field() + ":" + e.code())
                .toList();
    }

    static SchemeDto with(SchemeDto d, LocalDate from, LocalDate to) {
        return new SchemeDto(null, d.code(), d.name(), d.regulation(), from, to, d.acquisition(), d.milestone(),
                d.contributionRates(), d.partnerShare());
    }

    @Test
    void aValidVersionBecomesASchemeWithItsBandsInOrder() {
        var checked = SchemeRules.check(valid(), NOW);
        assertEquals(List.of(), checked.errors());
        IncentiveScheme s = checked.scheme();
        assertEquals(18_000, s.acquisitionAmount(true));
        assertEquals(20, s.acquisitionMinimum());
        assertEquals(1, s.contributionBands().get(0).fromMonth());
        assertEquals(ShareMode.ON_TOP, s.partnerShareMode());
        assertTrue(s.appliesTo(YearMonth.of(2027, 1)));
    }

    @Test
    void itMustStartOnTheFirstOfAMonthAfterTheCurrentOne() {
        assertEquals(List.of("validFrom:NOT_IN_FUTURE"), codes(d -> with(d, LocalDate.of(2026, 11, 1), null)));
        assertEquals(List.of("validFrom:NOT_IN_FUTURE"), codes(d -> with(d, LocalDate.of(2020, 1, 1), null)));
        assertEquals(List.of(), codes(d -> with(d, LocalDate.of(2026, 12, 1), null)));
        assertEquals(List.of("validFrom:NOT_FIRST_OF_MONTH"), codes(d -> with(d, LocalDate.of(2027, 1, 15), null)));
        assertEquals(List.of("validTo:NOT_END_OF_MONTH"),
                codes(d -> with(d, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 1))));
        assertEquals(List.of("validTo:BEFORE_VALID_FROM"),
                codes(d -> with(d, LocalDate.of(2027, 1, 1), LocalDate.of(2026, 12, 31))));
        assertEquals(List.of(), codes(d -> with(d, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31))));
    }

    @Test
    void everyMissingOrMalformedParameterIsReported() {
        SchemeDto empty = new SchemeDto(null, null, null, null, null, null, null, null, null, null);
        List<FieldError> errors = SchemeRules.check(empty, NOW).errors();
        assertEquals(List.of("code", "name", "validFrom", "acquisition", "contributionRates", "partnerShare"),
                errors.stream().map(FieldError::field).toList());
        SchemeDto bad = new SchemeDto(null, "lower", " ", null, LocalDate.of(2027, 1, 1), null,
                new Acquisition(-1L, null, -3), new Milestone(0, 2_000_000_000L),
                List.of(new Band(0, null, new BigDecimal("150")), new Band(5, 2, new BigDecimal("1.00001"))),
                new PartnerShare("HALF", new BigDecimal("-1")));
        assertEquals(List.of("code:INVALID_FORMAT", "name:INVALID_LENGTH", "acquisition.amount:OUT_OF_RANGE",
                "acquisition.amountWithJht:REQUIRED", "acquisition.minimumPerPeriod:OUT_OF_RANGE",
                "milestone.acquisitions:OUT_OF_RANGE", "milestone.bonus:OUT_OF_RANGE",
                "contributionRates[0].fromMonth:OUT_OF_RANGE", "contributionRates[0].percent:OUT_OF_RANGE",
                "contributionRates[1].toMonth:BEFORE_FROM_MONTH", "contributionRates[1].percent:OUT_OF_RANGE",
                "partnerShare.mode:INVALID_VALUE", "partnerShare.percent:OUT_OF_RANGE"),
                SchemeRules.check(bad, NOW).errors().stream().map(e -> e.field() + ":" + e.code()).toList());
    }

    @Test
    void bandsMustNotOverlapAndOnlyTheLastMayBeOpenEnded() {
        assertEquals(List.of("contributionRates:BANDS_OVERLAP"), codes(d -> new SchemeDto(null, d.code(), d.name(), null,
                d.validFrom(), null, d.acquisition(), null,
                List.of(new Band(1, 24, BigDecimal.TEN), new Band(24, 60, BigDecimal.ONE)), d.partnerShare())));
        assertEquals(List.of("contributionRates:BANDS_OVERLAP"), codes(d -> new SchemeDto(null, d.code(), d.name(), null,
                d.validFrom(), null, d.acquisition(), null,
                List.of(new Band(1, null, BigDecimal.TEN), new Band(25, 60, BigDecimal.ONE)), d.partnerShare())));
        SchemeDto milestoneOnly = new SchemeDto(null, "PERISAI-2018B", "x", null, LocalDate.of(2027, 1, 1), null,
                new Acquisition(0L, 0L, 0), new Milestone(50, 500_000L), List.of(new Band(1, null, new BigDecimal("7.5"))),
                new PartnerShare("SPLIT", BigDecimal.TEN));
        IncentiveScheme s = SchemeRules.check(milestoneOnly, NOW).scheme();
        assertNotNull(s);
        assertEquals(500_000L, s.milestoneBonus());
    }
}
