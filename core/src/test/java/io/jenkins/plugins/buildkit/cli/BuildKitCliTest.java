package io.jenkins.plugins.buildkit.cli;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The look at the arguments that the command line takes before picocli reads them. */
public class BuildKitCliTest {
    @Test
    public void aKubernetesBuilderIsSeenInEitherSpellingOfTheFlag() {
        assertTrue(BuildKitCli.namesKubernetesBuilder(new String[] {"build", "--builder", "kubernetes:ci", "."}));
        assertTrue(BuildKitCli.namesKubernetesBuilder(new String[] {"inspect", "--builder=kubernetes:ci"}));
    }

    @Test
    public void otherBuildersAndAMissingValueAreNot() {
        assertFalse(BuildKitCli.namesKubernetesBuilder(new String[] {"build", "--builder", "remote:tcp://127.0.0.1:1234", "."}));
        assertFalse(BuildKitCli.namesKubernetesBuilder(new String[] {"build", "--builder"}));
        assertFalse(BuildKitCli.namesKubernetesBuilder(new String[] {"build", "kubernetes:ci"}));
    }
}
