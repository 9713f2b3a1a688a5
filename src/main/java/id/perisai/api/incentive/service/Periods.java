package id.perisai.api.incentive.service;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import id.perisai.api.common.problem.InvalidInputException;

/** Incentive periods in URLs: {@code YYYY-MM}, a WIB calendar month. */
public final class Periods {

    static final Pattern FORMAT = Pattern.compile("^\\d{4}-\\d{2}$");

    private Periods() {
    }

    /** The period, or a 400 naming the parameter. */
    public static YearMonth parse(String text) {
        if (text != null && FORMAT.matcher(text).matches()) {
            try {
                return YearMonth.parse(text);
            } catch (DateTimeParseException e) {
                // falls through
            }
        }
        throw new InvalidInputException("period", "INVALID_PERIOD", "must be a month as YYYY-MM");
    }

    /** The period, which must not be after the current one. */
    public static YearMonth parseNotFuture(String text, YearMonth current) {
        YearMonth period = parse(text);
        if (period.isAfter(current)) {
            throw new InvalidInputException("period", "PERIOD_IN_FUTURE", "must not be after the current period, " + current);
        }
        return period;
    }
}
