package io.jenkins.plugins.buildkit.build;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** The table of build parameters, and values given in each shape a user writes them. */
public class BuildOptionTest {

    @Test
    public void everyParameterAndFlagIsDeclaredOnce() {
        Set<String> names = new HashSet<>();
        Set<String> flags = new HashSet<>();
        for (BuildOption o : BuildOption.values()) {
            assertTrue(o.parameter(), names.add(o.parameter()));
            o.flags().forEach(f -> assertTrue(f, flags.add(f)));
            assertTrue(o.parameter(), !o.description().isBlank() && !o.label().isBlank());
            assertEquals(o, BuildOption.named(o.parameter()).orElseThrow());
        }
        assertEquals("only the context is positional", List.of(BuildOption.CONTEXT),
                List.of(BuildOption.values()).stream().filter(o -> o.flags().isEmpty()).toList());
    }

    @Test
    public void listsComeAsListsOrAsLines() {
        assertEquals(List.of("a:1", "b:2"), BuildOption.TAGS.normalize("a:1\n\n  b:2\r\n"));
        assertEquals(List.of("a:1"), BuildOption.TAGS.normalize(List.of("a:1", " ")));
        assertEquals(List.of("linux/amd64", "linux/arm64", "linux/arm/v7"),
                BuildOption.PLATFORMS.normalize("linux/amd64, linux/arm64\nlinux/arm/v7"));
        assertNull(BuildOption.TAGS.normalize(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildOption.TAGS.normalize(42));
        assertTrue(e.getMessage(), e.getMessage().startsWith("tags: expected a list"));
    }

    @Test
    public void mapsComeAsMapsOrAsKeyValueLines() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("VERSION", "42");
        expected.put("EMPTY", "");
        expected.put("URL", "http://x/?a=b");
        assertEquals(expected, BuildOption.BUILD_ARGS.normalize("VERSION=42\nEMPTY\nURL=http://x/?a=b\n"));
        assertEquals(expected, BuildOption.BUILD_ARGS.normalize(List.of("VERSION=42", "EMPTY", "URL=http://x/?a=b")));
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("VERSION", 42);
        pipeline.put("EMPTY", null);
        pipeline.put("URL", "http://x/?a=b");
        assertEquals(expected, BuildOption.BUILD_ARGS.normalize(pipeline));
        assertEquals(List.of("VERSION=42", "EMPTY=", "URL=http://x/?a=b"), BuildOption.BUILD_ARGS.entriesOf(expected));
    }

    @Test
    public void textAndFlags() {
        assertEquals("app", BuildOption.CONTEXT.normalize(" app "));
        assertNull(BuildOption.TARGET.normalize("  "));
        assertEquals(Boolean.TRUE, BuildOption.PUSH.normalize(true));
        assertNull(BuildOption.PUSH.normalize(false));
        assertEquals(List.of("true"), BuildOption.PUSH.entriesOf(Boolean.TRUE));
    }

    /** The values of a step reach the spec in the table's order: load's docker output after the outputs. */
    @Test
    public void optionsApplyInTheTablesOrder() {
        BuildOptions options = new BuildOptions().add(BuildOption.LOAD, "true").add(BuildOption.OUTPUTS, "type=local,dest=out")
                .add(BuildOption.PUSH, "false").add(BuildOption.NO_CACHE_FILTER, "deps");
        BuildSpec spec = options.applyTo(BuildSpec.builder()).build();
        assertEquals(List.of("local", "docker"), spec.resolvedOutputs().stream().map(OutputSpec::type).toList());
        assertEquals(List.of("deps"), spec.values(BuildOption.NO_CACHE_FILTER));
        assertTrue("a flag that is off is not given", !options.has(BuildOption.PUSH));
    }
}
