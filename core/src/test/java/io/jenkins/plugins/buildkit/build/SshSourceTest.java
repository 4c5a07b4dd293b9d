package io.jenkins.plugins.buildkit.build;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** {@code --ssh} in Buildx's syntax. */
public class SshSourceTest {
    @Test
    public void buildxSyntaxNeedsKeyFiles() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> SshSource.parse("default")).getMessage(),
                containsString("needs id=KEYFILE"));
        assertThat(SshSource.parse("github=/k1,/k2").toString(), containsString("ssh github from /k1,/k2"));
    }
}
