package io.jenkins.plugins.buildkit.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** The look at {@code --builder} that the command line takes before picocli reads the arguments. */
public class BuilderArgumentTest {
    @Test
    public void eitherSpellingOfTheFlagNamesTheDriver() {
        assertEquals("kubernetes", BuilderArgument.kind(new String[] {"build", "--builder", "kubernetes:ci", "."}, null));
        assertEquals("kubernetes", BuilderArgument.kind(new String[] {"inspect", "--builder=kubernetes:ci"}, null));
        assertEquals("remote", BuilderArgument.kind(new String[] {"build", "--builder", "remote:tcp://127.0.0.1:1234", "."}, null));
        assertEquals("container", BuilderArgument.kind(new String[] {"build", "--builder=container:ci", "."}, null));
        assertEquals("container", BuilderArgument.kind(new String[] {"build", "--builder=docker-container:ci", "."}, null));
        assertEquals("docker", BuilderArgument.kind(new String[] {"build", "--builder", "docker:unix:///run/d.sock", "."}, null));
        assertEquals("docker", BuilderArgument.kind(new String[] {"build", "--builder", " default ", "."}, null));
    }

    @Test
    public void withoutTheFlagTheEnvironmentThenDockerDecides() {
        assertEquals("docker", BuilderArgument.kind(new String[] {"build", "."}, null));
        assertEquals("remote", BuilderArgument.kind(new String[] {"build", "."}, "remote:tcp://127.0.0.1:1234"));
        assertEquals("docker", BuilderArgument.kind(new String[] {"build", "--builder", "docker", "."}, "remote:tcp://x:1"));
        // a context directory that looks like a builder is not one
        assertEquals("docker", BuilderArgument.kind(new String[] {"build", "kubernetes:ci"}, null));
    }

    @Test
    public void unknownMissingOrEmptyValuesNameNoDriver() {
        assertNull(BuilderArgument.kind(new String[] {"build", "--builder"}, null));
        assertNull(BuilderArgument.kind(new String[] {"build", "--builder", "weird:x", "."}, null));
        assertNull(BuilderArgument.kind(new String[] {"build", "."}, ""));
        assertNull(BuilderArgument.kind(new String[] {"build", "--builder=../../etc", "."}, null));
    }
}
