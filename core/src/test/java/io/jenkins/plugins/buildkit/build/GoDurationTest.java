package io.jenkins.plugins.buildkit.build;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import org.junit.Test;

/** The {@code until=} durations of prune, on the command line and on the BuildKit builders page. */
public class GoDurationTest {
    @Test
    public void hoursMinutesAndSecondsInGosSpelling() {
        assertEquals(Duration.ofHours(24), GoDuration.parse("24h"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse(" 90s "));
    }

    @Test
    public void anythingElseIsNotADuration() {
        for (String bad : new String[] {null, "", "soon", "24", "1h 30m", "h", "-1h", "1d"}) {
            assertNull(bad, GoDuration.parse(bad));
        }
    }
}
