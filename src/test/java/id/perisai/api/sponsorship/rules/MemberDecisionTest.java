package id.perisai.api.sponsorship.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.perisai.api.batch.spi.RecordOutcome;

class MemberDecisionTest {

    static final long PARTNER = 7;

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # case                        status  action  from     participant  owner  registered  member  elsewhere  members  outcome    code
            added, ACTIVE, ADD, 2026-12, ACTIVE, 7, 2026-12, false, false, 0, ACCEPTED, -
            ended, ENDED, ADD, 2026-12, ACTIVE, 7, 2026-12, false, false, 0, REJECTED, SPONSORSHIP_ENDED
            before the first month, ACTIVE, ADD, 2026-11, ACTIVE, 7, 2026-12, false, false, 0, REJECTED, MONTH_OUT_OF_RANGE
            after the last month, ACTIVE, ADD, 2027-12, ACTIVE, 7, 2026-12, false, false, 0, REJECTED, MONTH_OUT_OF_RANGE
            last month, ACTIVE, ADD, 2027-11, ACTIVE, 7, 2026-12, false, false, 0, ACCEPTED, -
            unknown NIK, ACTIVE, ADD, 2026-12, -, 7, 2026-12, false, false, 0, REJECTED, PARTICIPANT_NOT_FOUND
            void, ACTIVE, ADD, 2026-12, VOID, 7, 2026-12, false, false, 0, REJECTED, PARTICIPANT_NOT_FOUND
            another partner's, ACTIVE, ADD, 2026-12, ACTIVE, 8, 2026-12, false, false, 0, REJECTED, PARTICIPANT_NOT_FOUND
            already a member, ACTIVE, ADD, 2026-12, ACTIVE, 7, 2026-12, true, false, 0, DUPLICATE, ALREADY_MEMBER
            lapsed by coverage, ACTIVE, ADD, 2026-12, ACTIVE, 7, 2026-08, false, false, 0, REJECTED, PARTICIPANT_LAPSED
            still payable, ACTIVE, ADD, 2026-12, ACTIVE, 7, 2026-09, false, false, 0, ACCEPTED, -
            stored lapsed, ACTIVE, ADD, 2026-12, LAPSED, 7, 2026-12, false, false, 0, REJECTED, PARTICIPANT_LAPSED
            sponsored elsewhere, ACTIVE, ADD, 2026-12, ACTIVE, 7, 2026-12, false, true, 0, REJECTED, SPONSORED_ELSEWHERE
            full, ACTIVE, ADD, 2026-12, ACTIVE, 7, 2026-12, false, false, 3, REJECTED, SPONSORSHIP_FULL
            one place left, ACTIVE, ADD, 2026-12, ACTIVE, 7, 2026-12, false, false, 2, ACCEPTED, -
            removed, ACTIVE, REMOVE, 2027-03, ACTIVE, 7, 2026-12, true, false, 3, ACCEPTED, -
            removing a non-member, ACTIVE, REMOVE, 2027-03, ACTIVE, 7, 2026-12, false, false, 3, REJECTED, NOT_A_MEMBER
            removing from an ended one, ENDED, REMOVE, 2027-03, ACTIVE, 7, 2026-12, true, false, 3, REJECTED, SPONSORSHIP_ENDED
            """)
    void decidesInTheDocumentedOrder(String name, String status, String action, String from, String participant,
            long owner, String registered, boolean member, boolean elsewhere, int members, String outcome, String code) {
        var sponsorship = new MemberDecision.Sponsorship(PARTNER, SponsorshipStatus.valueOf(status), YearMonth.of(2026, 12),
                YearMonth.of(2027, 11), 3);
        var p = participant == null ? null
                : new MemberDecision.Participant(UUID.randomUUID(), participant, owner,
                        YearMonth.parse(registered).atDay(1), (LocalDate) null);
        var d = MemberDecision.decide(sponsorship, MemberAction.valueOf(action), YearMonth.parse(from), p, member, elsewhere,
                members, YearMonth.of(2026, 12));
        assertEquals(RecordOutcome.valueOf(outcome), d.outcome(), name);
        assertEquals(code, d.errors().isEmpty() ? null : d.errors().get(0).code(), name);
    }
}
