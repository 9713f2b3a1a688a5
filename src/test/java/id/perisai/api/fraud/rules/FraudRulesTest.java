package id.perisai.api.fraud.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.fraud.rules.FraudRules.BatchNik;

/** growth.md §4's rules at, below and above each (default) threshold. */
class FraudRulesTest {

    static final FraudRules DEFAULTS = new FraudRules(3, 50, 10, 3, 20, 60);

    @ParameterizedTest(name = "{0} participants on one phone → {1}")
    @CsvSource({ "1,false", "2,false", "3,true", "4,true", "100,true" })
    void sharedPhoneFromThreeParticipants(long participants, boolean raised) {
        assertEquals(raised, DEFAULTS.sharedPhone(participants));
    }

    @ParameterizedTest(name = "{0} new registrations in a day → {1}")
    @CsvSource({ "0,false", "49,false", "50,true", "51,true" })
    void velocityFromFiftyADay(long registrations, boolean raised) {
        assertEquals(raised, DEFAULTS.velocity(registrations));
    }

    @ParameterizedTest(name = "{0} judged, {1} never paid a second month → {2}")
    @CsvSource({
            // too few acquisitions old enough, whatever the share
            "19,19,false", "19,12,false",
            // 20 acquisitions: 60 % is 12
            "20,11,false", "20,12,true", "20,13,true", "20,20,true", "20,0,false",
            // 21: 60 % is 12.6 → 13 needed (12/21 = 57 %)
            "21,12,false", "21,13,true",
            "100,59,false", "100,60,true", "100,61,true" })
    void firstPaymentOnlyFromSixtyPercentOfTwenty(long judged, long never, boolean raised) {
        assertEquals(raised, DEFAULTS.firstPaymentOnly(judged, never));
    }

    @ParameterizedTest(name = "agent {0}, participant {1} → {2}")
    @CsvSource({ "+6281311112222,+6281311112222,true", "+6281311112222,+6281311112223,false",
            "+6281311112222,,false", ",+6281311112222,false" })
    void selfDealingWhenThePhoneIsTheAgentsOwn(String agent, String participant, boolean raised) {
        assertEquals(raised, FraudRules.selfDealing(agent, participant));
    }

    @ParameterizedTest(name = "{0} consecutive serials → run of {1}")
    @CsvSource({ "9,0", "10,10", "11,11", "12,12" })
    void sequentialNiksFromTenConsecutiveSerials(int count, int run) {
        assertEquals(run, DEFAULTS.sequentialRun(niks("320101150590", 1, count)).size());
    }

    @Test
    void aGapBreaksTheRunAndTheLongestRunCounts() {
        List<BatchNik> niks = new ArrayList<>(niks("320101150590", 1, 9));
        niks.addAll(niks("320101150590", 11, 10)); // 0011–0020: a second run of 10 after a gap at 0010
        List<BatchNik> run = DEFAULTS.sequentialRun(niks);
        assertEquals(10, run.size());
        assertEquals("3201011505900011", run.get(0).nik());
        assertEquals(0, DEFAULTS.sequentialRun(niks("320101150590", 1, 9)).size());
    }

    @Test
    void runsMustShareRegionAndBirthDate() {
        List<BatchNik> niks = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            // the same serial run spread over two birth dates: 6 each
            niks.add(new BatchNik("p" + i, (i % 2 == 0 ? "320101150590" : "320101160590") + String.format("%04d", i)));
        }
        assertTrue(DEFAULTS.sequentialRun(niks).isEmpty());
        // another region: no run either
        List<BatchNik> regions = new ArrayList<>(niks("320101150590", 1, 5));
        regions.addAll(niks("320102150590", 6, 5));
        assertTrue(DEFAULTS.sequentialRun(regions).isEmpty());
    }

    @Test
    void repeatedSerialsNeitherBreakNorExtendARun() {
        List<BatchNik> niks = new ArrayList<>(niks("320101150590", 1, 10));
        niks.add(new BatchNik("again", "3201011505900005"));
        assertEquals(10, DEFAULTS.sequentialRun(niks).size());
    }

    @Test
    void thresholdsAreConfiguration() {
        FraudRules strict = new FraudRules(2, 5, 4, 1, 2, 50);
        assertTrue(strict.sharedPhone(2));
        assertTrue(strict.velocity(5));
        assertEquals(4, strict.sequentialRun(niks("320101150590", 1, 4)).size());
        assertTrue(strict.firstPaymentOnly(2, 1));
    }

    static List<BatchNik> niks(String prefix, int firstSerial, int count) {
        List<BatchNik> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new BatchNik("p" + (firstSerial + i), prefix + String.format("%04d", firstSerial + i)));
        }
        return out;
    }
}
