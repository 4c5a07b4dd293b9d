package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.buildkit.build.BuildOption;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The freestyle step: form text to the same build request as the Pipeline step. */
public class BuildKitBuilderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void formTextBecomesTheSameRequestAsThePipelineStep() throws Exception {
        File ws = tmp.newFolder();
        Files.writeString(ws.toPath().resolve("Dockerfile"), "FROM scratch\n");
        BuildKitStep b = new BuildKitBuilder().getParameters();
        b.setBuildArgs("VERSION=${BUILD_NUMBER}\nEMPTY\nURL=http://x/?a=b\n");
        b.setLabels("org.opencontainers.image.revision=$GIT_COMMIT");
        b.setPlatforms("linux/amd64, linux/arm64\nlinux/arm/v7");
        b.setTags("registry.example.com/app:$BUILD_NUMBER\n\nregistry.example.com/app:latest");
        b.setOutputs("type=local,dest=out");
        b.setCacheTo("type=inline");
        b.setCacheFrom("type=registry,ref=registry.example.com/app:cache");
        b.setTarget("final");
        b.setPush(true);
        Map<String, String> env = Map.of("BUILD_NUMBER", "17", "GIT_COMMIT", "abc123");
        BuildSpec spec = AgentBuild.spec(b.options(text -> hudson.Util.replaceMacro(text, env)), ws, java.util.Map.of(), new ResolvedCredentials(), List.of());
        Map<String, String> attrs = io.jenkins.plugins.buildkit.build.SolveRequests.prepare(spec, true).request()
                .getFrontendAttrsMap();
        assertEquals("17", attrs.get("build-arg:VERSION"));
        assertEquals("", attrs.get("build-arg:EMPTY"));
        assertEquals("http://x/?a=b", attrs.get("build-arg:URL"));
        assertEquals("abc123", attrs.get("label:org.opencontainers.image.revision"));
        assertEquals("linux/amd64,linux/arm64,linux/arm/v7", attrs.get("platform"));
        assertEquals("final", attrs.get("target"));
        OutputSpec image = spec.resolvedOutputs().stream().filter(o -> o.type().equals("image")).findFirst().orElseThrow();
        assertEquals("registry.example.com/app:17,registry.example.com/app:latest", image.attrs().get("name"));
        assertEquals(List.of("inline"), spec.cacheExportTypes());
    }

    @Test
    public void formFieldsAreCheckedAsTheBuildWillCheckThem() {
        assertEquals(null, message(BuildKitStep.DescriptorImpl.check(BuildOption.named("platforms").orElseThrow(), "linux/amd64")));
        assertEquals("platforms: invalid platform \"amd64\" (expected os/arch[/variant], e.g. linux/arm64/v8)",
                message(BuildKitStep.DescriptorImpl.check(BuildOption.named("platforms").orElseThrow(), "amd64")));
        assertEquals("tags: invalid image name \"Bad Tag\" (expected [registry/]name[:tag], lower case)",
                message(BuildKitStep.DescriptorImpl.check(BuildOption.named("tags").orElseThrow(), "Bad Tag")));
        assertEquals(null, message(BuildKitStep.DescriptorImpl.check(BuildOption.named("tags").orElseThrow(), "app:$BUILD_NUMBER")));
        org.junit.Assert.assertNotNull(message(BuildKitStep.DescriptorImpl.check(BuildOption.named("cacheTo").orElseThrow(), "type=nope")));
    }

    private static String message(hudson.util.FormValidation check) {
        return check.kind == hudson.util.FormValidation.Kind.OK ? null : check.getMessage().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    public void unknownVariablesStayAsWritten() {
        assertEquals("a-$NOPE-${ALSO_NOPE}-1", new hudson.EnvVars(Map.of("X", "1")).expand("a-$NOPE-${ALSO_NOPE}-$X"));
    }
}
