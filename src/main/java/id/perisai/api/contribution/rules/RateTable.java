package id.perisai.api.contribution.rules;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import id.perisai.api.participant.rules.Occupation.OccupationClass;

/**
 * The contribution rates and discount windows in force over time (rules.md §4), as stored in the database: a new
 * regulation is new rows, not a release.
 */
public record RateTable(List<Rate> rates, List<Discount> discounts) {

    /** The components of a monthly contribution. */
    public enum Component {
        JKK,
        JKM,
        JHT
    }

    /** How a rate is applied: a percentage of the declared monthly income, or a flat amount. */
    public enum Basis {
        PERCENT,
        FLAT
    }

    /** A component's rate for covered months {@code from}..{@code to} (open-ended when {@code to} is null). */
    public record Rate(Component component, YearMonth from, YearMonth to, Basis basis, BigDecimal value) {
        boolean covers(YearMonth month) {
            return !month.isBefore(from) && (to == null || !month.isAfter(to));
        }
    }

    /** A temporary discount: the listed components times {@code factor} for an occupation class, except some payers. */
    public record Discount(OccupationClass occupationClass, YearMonth first, YearMonth last, Set<Component> components,
            BigDecimal factor, Set<PayerType> excludedPayers) {
        boolean applies(OccupationClass cls, YearMonth month, PayerType payer) {
            return occupationClass == cls && !month.isBefore(first) && !month.isAfter(last)
                    && !excludedPayers.contains(payer);
        }
    }

    /** The rate of a component in force for a covered month. */
    public Rate rate(Component component, YearMonth month) {
        for (Rate r : rates) {
            if (r.component() == component && r.covers(month)) {
                return r;
            }
        }
        throw new IllegalStateException("no " + component + " rate is configured for " + month);
    }

    /** The discount that applies, or null. */
    public Discount discount(OccupationClass cls, YearMonth month, PayerType payer) {
        for (Discount d : discounts) {
            if (d.applies(cls, month, payer)) {
                return d;
            }
        }
        return null;
    }
}
