package io.jenkins.plugins.buildkit.client;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.build.SshSource;
import java.util.List;
import org.junit.Test;

public class SshKeysTest {
    @Test
    public void unreadableKeyIsNamedByItsId() {
        BuildKitException e = assertThrows(BuildKitException.class,
                () -> BuildSession.builder().ssh("deploy", List.of("not a private key"), null));
        assertThat(e.getMessage(), containsString("\"deploy\""));
    }

    @Test
    public void buildxSyntaxNeedsKeyFiles() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> SshSource.parse("default")).getMessage(),
                containsString("needs id=KEYFILE"));
        assertThat(SshSource.parse("github=/k1,/k2").toString(), containsString("ssh github from /k1,/k2"));
    }
}
