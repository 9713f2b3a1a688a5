package id.perisai.api.common.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's notion of "now". Days and months are counted in WIB (Asia/Jakarta, UTC+7). Tests replace this bean
 * (QuarkusMock) to move the clock across day and month boundaries.
 */
@ApplicationScoped
public class TimeSource {

    public static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    private final Clock clock;

    public TimeSource() {
        this(Clock.systemUTC());
    }

    protected TimeSource(Clock clock) {
        this.clock = clock;
    }

    /** Now, to the millisecond (what the database and the API carry). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public ZonedDateTime nowWib() {
        return now().atZone(WIB);
    }

    public LocalDate todayWib() {
        return nowWib().toLocalDate();
    }

    public YearMonth currentMonthWib() {
        return YearMonth.from(nowWib());
    }
}
