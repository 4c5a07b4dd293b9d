package io.jenkins.plugins.buildkit.jenkins;

import static org.junit.Assert.assertEquals;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.util.DelegatingScript;
import hudson.model.Queue;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.jenkinsci.plugins.workflow.cps.DSL;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What workflow-cps's SnippetizerTester does (its tests jar is not in the local Jenkins repository):
 * the Snippet Generator's text for a step, then that text run through the Pipeline DSL back into a
 * step, which must equal the first.
 */
final class SnippetRoundTrip {
    private SnippetRoundTrip() {
    }

    static void assertRoundTrip(JenkinsRule r, Step step, String expected) throws Exception {
        assertEquals(expected, Snippetizer.object2Groovy(step));
        r.assertEqualDataBoundBeans(step, evaluate(r, expected));
    }

    /** A step call as a Jenkinsfile would write it, made into the step (nothing runs). */
    static Step evaluate(JenkinsRule r, String snippet) throws Exception {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(DelegatingScript.class.getName());
        GroovyShell shell = new GroovyShell(r.jenkins.getPluginManager().uberClassLoader, new Binding(), cc);
        DelegatingScript script = (DelegatingScript) shell.parse(snippet);
        script.setDelegate(new DSL(new NoOwner()) {
            /** Instead of running the step, makes it from the arguments, nested describables included. */
            @Override
            protected Object invokeStep(StepDescriptor d, String name, Object args) {
                Object named = args instanceof Object[] a && a.length == 1 ? a[0] : args;
                if (named instanceof Object[] a && a.length == 0) {
                    named = Map.of();
                }
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) named;
                    return d.newInstance(map);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        return (Step) script.run();
    }

    private static final class NoOwner extends FlowExecutionOwner {
        @Override
        public FlowExecution get() throws IOException {
            return null;
        }

        @Override
        public File getRootDir() throws IOException {
            throw new IOException("not a build");
        }

        @Override
        public Queue.Executable getExecutable() throws IOException {
            throw new IOException("not a build");
        }

        @Override
        public String getUrl() throws IOException {
            throw new IOException("not a build");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NoOwner;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
