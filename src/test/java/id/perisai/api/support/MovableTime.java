package id.perisai.api.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import id.perisai.api.common.time.TimeSource;
import io.quarkus.test.junit.QuarkusMock;

/** A clock tests set and move (installed with QuarkusMock for one test method), to cross WIB days and minutes. */
public final class MovableTime extends TimeSource {

    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock;

    private MovableTime(MovableClock clock) {
        super(clock);
        this.clock = clock;
    }

    /** Installs a clock reading this WIB local time, for the current test method. */
    public static MovableTime installAtWib(LocalDateTime wib) {
        MovableTime time = new MovableTime(new MovableClock(wib.atZone(WIB).toInstant()));
        QuarkusMock.installMockForType(time, TimeSource.class);
        return time;
    }

    public void setWib(LocalDateTime wib) {
        clock.now = wib.atZone(WIB).toInstant();
    }
}
