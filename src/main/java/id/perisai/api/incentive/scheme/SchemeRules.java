package id.perisai.api.incentive.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.incentive.dto.SchemeDto;
import id.perisai.api.incentive.scheme.IncentiveScheme.Band;
import id.perisai.api.incentive.scheme.IncentiveScheme.ShareMode;

/**
 * Checks a new scheme version: well-formed parameters, and a start in a month after the current one (the lines of the
 * current period are already priced under the scheme in force). Collects every error. Pure.
 */
public final class SchemeRules {

    static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{2,31}$");
    static final long MAX_AMOUNT = 1_000_000_000L;
    static final int MAX_COUNT = 1_000_000;
    static final int MAX_BANDS = 24;
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A valid scheme, or the errors. */
    public record Checked(IncentiveScheme scheme, List<FieldError> errors) {
    }

    private SchemeRules() {
    }

    public static Checked check(SchemeDto in, YearMonth currentMonth) {
        List<FieldError> errors = new ArrayList<>();
        if (in.code() == null) {
            errors.add(required("code"));
        } else if (!CODE.matcher(in.code()).matches()) {
            errors.add(new FieldError("code", "INVALID_FORMAT", "3–32 capital letters, digits and '-'"));
        }
        String name = in.name() == null ? null : in.name().trim();
        if (name == null) {
            errors.add(required("name"));
        } else if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "INVALID_LENGTH", "must be 1–100 characters"));
        }
        if (in.regulation() != null && (in.regulation().isBlank() || in.regulation().length() > 100)) {
            errors.add(new FieldError("regulation", "INVALID_LENGTH", "must be 1–100 characters"));
        }
        LocalDate earliest = currentMonth.plusMonths(1).atDay(1);
        if (in.validFrom() == null) {
            errors.add(required("validFrom"));
        } else if (in.validFrom().getDayOfMonth() != 1) {
            errors.add(new FieldError("validFrom", "NOT_FIRST_OF_MONTH", "must be the first day of a month"));
        } else if (in.validFrom().isBefore(earliest)) {
            errors.add(new FieldError("validFrom", "NOT_IN_FUTURE", "must be " + earliest
                    + " or later: periods up to the current one are priced under the scheme in force"));
        }
        if (in.validTo() != null) {
            if (in.validTo().plusDays(1).getDayOfMonth() != 1) {
                errors.add(new FieldError("validTo", "NOT_END_OF_MONTH", "must be the last day of a month"));
            } else if (in.validFrom() != null && in.validTo().isBefore(in.validFrom())) {
                errors.add(new FieldError("validTo", "BEFORE_VALID_FROM", "must not be before validFrom"));
            }
        }
        long amount = 0;
        long amountJht = 0;
        int minimum = 0;
        if (in.acquisition() == null) {
            errors.add(required("acquisition"));
        } else {
            amount = amount(in.acquisition().amount(), "acquisition.amount", errors);
            amountJht = amount(in.acquisition().amountWithJht(), "acquisition.amountWithJht", errors);
            minimum = count(in.acquisition().minimumPerPeriod(), "acquisition.minimumPerPeriod", 0, errors);
        }
        Integer milestoneAcquisitions = null;
        Long milestoneBonus = null;
        if (in.milestone() != null) {
            milestoneAcquisitions = count(in.milestone().acquisitions(), "milestone.acquisitions", 1, errors);
            milestoneBonus = amount(in.milestone().bonus(), "milestone.bonus", errors);
        }
        List<Band> bands = bands(in.contributionRates(), errors);
        ShareMode mode = null;
        BigDecimal sharePercent = null;
        if (in.partnerShare() == null) {
            errors.add(required("partnerShare"));
        } else {
            String m = in.partnerShare().mode();
            if (m == null) {
                errors.add(required("partnerShare.mode"));
            } else if (!"ON_TOP".equals(m) && !"SPLIT".equals(m)) {
                errors.add(new FieldError("partnerShare.mode", "INVALID_VALUE", "must be ON_TOP or SPLIT"));
            } else {
                mode = ShareMode.valueOf(m);
            }
            sharePercent = percent(in.partnerShare().percent(), "partnerShare.percent", errors);
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new IncentiveScheme(0, in.code(), name, in.regulation(), in.validFrom(), in.validTo(), amount,
                amountJht, minimum, milestoneAcquisitions, milestoneBonus, bands, mode, sharePercent), List.of());
    }

    static List<Band> bands(List<SchemeDto.Band> in, List<FieldError> errors) {
        if (in == null) {
            errors.add(required("contributionRates"));
            return List.of();
        }
        if (in.size() > MAX_BANDS) {
            errors.add(new FieldError("contributionRates", "TOO_MANY", "at most " + MAX_BANDS + " bands"));
            return List.of();
        }
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            SchemeDto.Band b = in.get(i);
            String at = "contributionRates[" + i + "]";
            if (b == null) {
                errors.add(required(at));
                continue;
            }
            int before = errors.size();
            int from = count(b.fromMonth(), at + ".fromMonth", 1, errors);
            Integer to = null;
            if (b.toMonth() != null) {
                to = count(b.toMonth(), at + ".toMonth", 1, errors);
                if (errors.size() == before && to < from) {
                    errors.add(new FieldError(at + ".toMonth", "BEFORE_FROM_MONTH", "must not be before fromMonth"));
                }
            }
            BigDecimal percent = percent(b.percent(), at + ".percent", errors);
            if (errors.size() == before) {
                bands.add(new Band(from, to, percent));
            }
        }
        bands.sort(Comparator.comparingInt(Band::fromMonth));
        for (int i = 1; i < bands.size(); i++) {
            Band previous = bands.get(i - 1);
            if (previous.toMonth() == null || previous.toMonth() >= bands.get(i).fromMonth()) {
                errors.add(new FieldError("contributionRates", "BANDS_OVERLAP",
                        "bands must not overlap (months " + bands.get(i).fromMonth() + " and on are in two bands)"));
                break;
            }
        }
        return bands;
    }

    private static long amount(Long value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(required(field));
            return 0;
        }
        if (value < 0 || value > MAX_AMOUNT) {
            errors.add(new FieldError(field, "OUT_OF_RANGE", "must be 0–" + MAX_AMOUNT + " rupiah"));
        }
        return value;
    }

    private static int count(Integer value, String field, int min, List<FieldError> errors) {
        if (value == null) {
            errors.add(required(field));
            return 0;
        }
        if (value < min || value > MAX_COUNT) {
            errors.add(new FieldError(field, "OUT_OF_RANGE", "must be " + min + "–" + MAX_COUNT));
        }
        return value;
    }

    private static BigDecimal percent(BigDecimal value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(required(field));
            return null;
        }
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0 || value.stripTrailingZeros().scale() > 4) {
            errors.add(new FieldError(field, "OUT_OF_RANGE", "must be a percent 0–100 with at most 4 decimals"));
        }
        return value;
    }

    private static FieldError required(String field) {
        return new FieldError(field, "REQUIRED", "is required");
    }
}
