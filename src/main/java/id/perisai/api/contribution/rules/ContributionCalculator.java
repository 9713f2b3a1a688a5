package id.perisai.api.contribution.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import id.perisai.api.contribution.rules.RateTable.Component;
import id.perisai.api.contribution.rules.RateTable.Discount;
import id.perisai.api.contribution.rules.RateTable.Rate;
import id.perisai.api.participant.rules.Occupation.OccupationClass;

/**
 * The monthly contribution due (rules.md §4): JKK and JHT a percentage of the declared income, JKM flat, JHT only for
 * participants who chose it, and the temporary discount of the occupation class's window unless the payer is exempt.
 * Each component is computed exactly and rounded once, half-up to whole rupiah, per month (a discounted JKK is
 * {@code round(income × 0.5%)}, not half of a rounded 1 %); a payment's due is the sum over its months. Pure.
 */
public final class ContributionCalculator {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ContributionCalculator() {
    }

    /** What the contribution is based on: the participant's declared income, occupation class and JHT choice. */
    public record Basis(long monthlyIncome, OccupationClass occupationClass, boolean jht) {
    }

    /** The due of one covered month. */
    public record MonthDue(YearMonth month, long jkk, long jkm, long jht, boolean discounted) {
        public long amount() {
            return jkk + jkm + jht;
        }
    }

    /** The due of a payment: its months and their sum. */
    public record Due(long amount, List<MonthDue> months) {
    }

    public static Due due(RateTable table, Basis basis, PayerType payer, YearMonth start, int months) {
        List<MonthDue> due = new ArrayList<>(months);
        long total = 0;
        for (int i = 0; i < months; i++) {
            MonthDue month = month(table, basis, payer, start.plusMonths(i));
            due.add(month);
            total += month.amount();
        }
        return new Due(total, List.copyOf(due));
    }

    public static MonthDue month(RateTable table, Basis basis, PayerType payer, YearMonth month) {
        Discount discount = table.discount(basis.occupationClass(), month, payer);
        long jkk = component(table, Component.JKK, basis, month, discount);
        long jkm = component(table, Component.JKM, basis, month, discount);
        long jht = basis.jht() ? component(table, Component.JHT, basis, month, discount) : 0;
        return new MonthDue(month, jkk, jkm, jht, discount != null);
    }

    private static long component(RateTable table, Component component, Basis basis, YearMonth month, Discount discount) {
        Rate rate = table.rate(component, month);
        BigDecimal exact = rate.basis() == RateTable.Basis.FLAT ? rate.value()
                : BigDecimal.valueOf(basis.monthlyIncome()).multiply(rate.value()).divide(HUNDRED);
        if (discount != null && discount.components().contains(component)) {
            exact = exact.multiply(discount.factor());
        }
        return exact.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
