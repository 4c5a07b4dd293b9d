package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assume.assumeTrue;

import hudson.XmlFile;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
import java.io.File;
import java.util.Map;
import jenkins.model.Jenkins;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The premise of {@link ClassFilterGuard}: a class of core's jar (not a plugin's jar) is refused by
 * Jenkins's class filter when written to disk, and the guard sees the refusal. Without this, a
 * guard that saw nothing would prove nothing.
 */
public class ClassFilterGuardTest {
    private final JenkinsRule r = new JenkinsRule();
    private final ClassFilterGuard classFilter = new ClassFilterGuard();

    @Rule
    public RuleChain rules = RuleChain.outerRule(classFilter).around(r);

    @Test
    public void aCoreClassWrittenToDiskIsRefusedAndSeen() throws Exception {
        Object core = ContainerDriverOptions.parse(Map.of());
        String location = String.valueOf(core.getClass().getProtectionDomain().getCodeSource().getLocation());
        // an IDE may put core's target/classes there instead; Maven (and so CI) always has the jar
        assumeTrue("core's classes come from its jar: " + location, location.endsWith(".jar") || System.getenv("CI") != null);
        XmlFile file = new XmlFile(Jenkins.XSTREAM2, new File(r.jenkins.getRootDir(), "probe.xml"));
        try {
            file.write(core);
        } catch (Exception expected) {
            // refused: Jenkins's own callers often only log this, hence the guard
        }
        assertThat(classFilter.refusals(), hasItem(containsString("ContainerDriverOptions")));
        classFilter.clear();
    }
}
