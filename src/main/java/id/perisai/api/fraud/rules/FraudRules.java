package id.perisai.api.fraud.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import id.perisai.api.common.config.PerisaiConfig.FraudConfig;

/**
 * The thresholds of growth.md §4's rules (configuration) and the decisions, pure. The set-based rules run as SQL in
 * {@code FraudSignalRepository} with these same thresholds as parameters; each SQL condition is written next to the
 * predicate here it mirrors ({@link #sharedPhone}, {@link #velocity}, {@link #selfDealing}, {@link #firstPaymentOnly}).
 */
public record FraudRules(int sharedPhoneParticipants, int velocityPerDay, int sequentialNiks, int fpoAgeMonths,
        int fpoMinAcquisitions, int fpoPercent) {

    public static FraudRules of(FraudConfig c) {
        return new FraudRules(c.sharedPhoneParticipants(), c.velocityPerDay(), c.sequentialNiks(),
                c.firstPaymentOnlyAgeMonths(), c.firstPaymentOnlyMinAcquisitions(), c.firstPaymentOnlyPercent());
    }

    /** SHARED_PHONE: {@code count(*) >= sharedPhoneParticipants} of the non-VOID participants with one phone. */
    public boolean sharedPhone(long participants) {
        return participants >= sharedPhoneParticipants;
    }

    /** AGENT_VELOCITY: {@code count(*) >= velocityPerDay} new registrations of an agent in one WIB day. */
    public boolean velocity(long newRegistrationsInDay) {
        return newRegistrationsInDay >= velocityPerDay;
    }

    /** AGENT_SELF_DEALING: the participant's phone equals the agent's (both stored as E.164). */
    public static boolean selfDealing(String agentPhone, String participantPhone) {
        return agentPhone != null && agentPhone.equals(participantPhone);
    }

    /**
     * FIRST_PAYMENT_ONLY: of an agent's acquisitions at least {@code fpoAgeMonths} old, at least
     * {@code fpoMinAcquisitions}, and {@code 100 × neverPaidSecond >= fpoPercent × judged} (integer arithmetic, so 60 %
     * of 20 is exactly 12).
     */
    public boolean firstPaymentOnly(long judged, long neverPaidSecond) {
        return judged >= fpoMinAcquisitions && neverPaidSecond * 100 >= (long) fpoPercent * judged;
    }

    /** A NIK of a batch: its participant and the plaintext NIK (only in memory, while the rule runs). */
    public record BatchNik(String participantId, String nik) {
    }

    /**
     * SEQUENTIAL_NIKS: the longest run of NIKs sharing the first 12 digits (region PPKKCC and birth date DDMMYY) whose
     * serials (last 4 digits) are consecutive, when it is at least {@code sequentialNiks} long; else an empty list.
     * Repeated serials do not break or extend a run.
     */
    public List<BatchNik> sequentialRun(List<BatchNik> niks) {
        Map<String, List<BatchNik>> byPrefix = new HashMap<>();
        for (BatchNik n : niks) {
            if (n.nik() != null && n.nik().length() == 16) {
                byPrefix.computeIfAbsent(n.nik().substring(0, 12), k -> new ArrayList<>()).add(n);
            }
        }
        List<BatchNik> best = List.of();
        for (List<BatchNik> group : byPrefix.values()) {
            if (group.size() < sequentialNiks || group.size() <= best.size()) {
                continue;
            }
            group.sort(Comparator.comparingInt(FraudRules::serial));
            List<BatchNik> run = new ArrayList<>();
            int last = Integer.MIN_VALUE;
            for (BatchNik n : group) {
                int s = serial(n);
                if (s == last) {
                    continue;
                }
                if (s != last + 1) {
                    if (run.size() > best.size()) {
                        best = List.copyOf(run);
                    }
                    run.clear();
                }
                run.add(n);
                last = s;
            }
            if (run.size() > best.size()) {
                best = List.copyOf(run);
            }
        }
        return best.size() >= sequentialNiks ? best : List.of();
    }

    private static int serial(BatchNik n) {
        return Integer.parseInt(n.nik().substring(12));
    }
}
