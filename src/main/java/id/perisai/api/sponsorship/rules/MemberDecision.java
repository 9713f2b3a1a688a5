package id.perisai.api.sponsorship.rules;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.participant.rules.Coverage;

/**
 * The outcome of a member record (growth.md §2), against the sponsorship and the participant as they stand, in this
 * order:
 * <ol>
 * <li>the sponsorship is ENDED → REJECTED {@code SPONSORSHIP_ENDED};</li>
 * <li>{@code fromMonth} outside the sponsorship's months → REJECTED {@code MONTH_OUT_OF_RANGE};</li>
 * <li>no participant with the NIK, VOID, or not managed by the sponsorship's partner → REJECTED
 * {@code PARTICIPANT_NOT_FOUND};</li>
 * <li>ADD: already a member → DUPLICATE {@code ALREADY_MEMBER}; LAPSED now → REJECTED {@code PARTICIPANT_LAPSED};
 * a member of another ACTIVE sponsorship for {@code fromMonth} → REJECTED {@code SPONSORED_ELSEWHERE};
 * {@code maxMembers} reached → REJECTED {@code SPONSORSHIP_FULL}; else ACCEPTED;</li>
 * <li>REMOVE: not a member → REJECTED {@code NOT_A_MEMBER}; else ACCEPTED: sponsored through the month before
 * {@code fromMonth}.</li>
 * </ol>
 * Pure.
 */
public final class MemberDecision {

    /** The sponsorship a batch adds to, as locked for the round. */
    public record Sponsorship(long partnerId, SponsorshipStatus status, YearMonth fromMonth, YearMonth toMonth,
            int maxMembers) {
    }

    /** The participant a record names; null when the NIK names none. */
    public record Participant(UUID id, String storedStatus, Long partnerId, LocalDate registrationMonth,
            LocalDate coveredUntil) {
    }

    /** A decision: the outcome and its reasons. */
    public record Decision(RecordOutcome outcome, List<FieldError> errors) {
    }

    static final Decision ACCEPTED = new Decision(RecordOutcome.ACCEPTED, List.of());

    private MemberDecision() {
    }

    /**
     * @param member whether the participant is a member of this sponsorship now (sponsored to its end)
     * @param sponsoredElsewhere whether it is a member of another ACTIVE sponsorship for {@code fromMonth}
     * @param members the sponsorship's members now
     */
    public static Decision decide(Sponsorship s, MemberAction action, YearMonth fromMonth, Participant p, boolean member,
            boolean sponsoredElsewhere, int members, YearMonth current) {
        if (s.status() == SponsorshipStatus.ENDED) {
            return rejected("action", "SPONSORSHIP_ENDED", "the sponsorship has ended");
        }
        if (fromMonth.isBefore(s.fromMonth()) || fromMonth.isAfter(s.toMonth())) {
            return rejected("fromMonth", "MONTH_OUT_OF_RANGE",
                    "must be a month of the sponsorship, " + s.fromMonth() + " to " + s.toMonth());
        }
        if (p == null || "VOID".equals(p.storedStatus()) || p.partnerId() == null || p.partnerId() != s.partnerId()) {
            return rejected("nik", "PARTICIPANT_NOT_FOUND", "no participant managed by this partner has this NIK");
        }
        if (action == MemberAction.REMOVE) {
            return member ? ACCEPTED : rejected("nik", "NOT_A_MEMBER", "the participant is not a member");
        }
        if (member) {
            return new Decision(RecordOutcome.DUPLICATE,
                    List.of(new FieldError("nik", "ALREADY_MEMBER", "the participant is already a member")));
        }
        if ("LAPSED".equals(Coverage.status(p.storedStatus(), p.registrationMonth(), p.coveredUntil(), current))) {
            return rejected("nik", "PARTICIPANT_LAPSED", "the participant is LAPSED: register the worker again first");
        }
        if (sponsoredElsewhere) {
            return rejected("nik", "SPONSORED_ELSEWHERE", "the participant is a member of another active sponsorship");
        }
        if (members >= s.maxMembers()) {
            return rejected("action", "SPONSORSHIP_FULL", "the sponsorship has its maximum of " + s.maxMembers()
                    + " members");
        }
        return ACCEPTED;
    }

    private static Decision rejected(String field, String code, String message) {
        return new Decision(RecordOutcome.REJECTED, List.of(new FieldError(field, code, message)));
    }
}
