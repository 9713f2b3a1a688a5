package id.perisai.api.report.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.report.dto.Persistency;
import id.perisai.api.report.repository.ReportRepository.Figures;

/** Persistency ratios and target percentages from the report's sums. */
class PersistencyTest {

    @ParameterizedTest(name = "{0} of {1} → {2}")
    @CsvSource({ "0,1,0", "1,1,1", "2,3,0.6667", "1,3,0.3333", "3,4,0.75", "1,8,0.125", "5,10,0.5" })
    void aRatioHasFourDecimalsHalfUp(long paid, long measured, String expected) {
        assertEquals(new BigDecimal(expected).stripTrailingZeros(), ReportService.ratio(paid, measured));
    }

    @Test
    void aRatioIsAbsentWhileNoAcquisitionIsOldEnough() {
        Figures f = new Figures("k", 0, 0, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Persistency p = ReportService.persistency(f);
        assertEquals(new BigDecimal("0.75"), p.p3());
        assertNull(p.p6());
        assertNull(p.p12());
    }

    @ParameterizedTest(name = "{0} of {1} → {2} %")
    @CsvSource({ "0,101000,0.0", "20200,101000,20.0", "1,1200,0.1", "3,1200,0.3", "1200,1200,100.0", "1300,1200,108.3" })
    void achievedPercentHasOneDecimal(long achieved, long target, String pct) {
        assertEquals(new BigDecimal(pct), ReportService.pct(achieved, target));
    }
}
