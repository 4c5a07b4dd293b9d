package io.jenkins.plugins.buildkit.client;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

/** The session a build serves the daemon from. */
public class BuildSessionTest {
    @Test
    public void unreadableKeyIsWrongInputNamedByItsId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildSession.readSshKeys("deploy", List.of("not a private key"), null));
        assertThat(e.getMessage(), containsString("\"deploy\""));
    }
}
