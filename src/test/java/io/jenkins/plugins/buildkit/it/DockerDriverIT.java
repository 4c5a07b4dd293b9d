package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.github.dockerjava.api.command.InspectImageResponse;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.SecretSource;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.docker.DockerEngine;
import io.jenkins.plugins.buildkit.progress.PlainRenderer;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Builds with the Docker Engine's own BuildKit (Debian's docker.io). */
public class DockerDriverIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private DockerEngine engine;
    private final String tag = "buildkit-it/docker-driver:" + System.nanoTime();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Before
    public void setUp() throws Exception {
        env = TestEnvironment.require();
        assumeTrue("no Docker Engine", Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("CI") != null);
        engine = new DockerEngine(new DockerEndpoint(null, null), Duration.ofSeconds(20));
    }

    @After
    public void removeImage() throws Exception {
        if (engine != null) {
            try {
                engine.api().removeImageCmd(tag).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // not built
            }
            engine.close();
        }
    }

    private DockerDriver driver() {
        return new DockerDriver("local-engine", new DockerEndpoint(null, null), Duration.ofSeconds(20));
    }

    private SolveResult build(BuildSpec spec, SecretMasker masker) throws Exception {
        try {
            return DriverBuild.run(driver(), spec, new PlainRenderer(new PrintStream(console, true, StandardCharsets.UTF_8), masker));
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void buildLandsInTheEngineUnderItsTagWithRunSecretAndInlineCache() throws Exception {
        String secret = "engine-secret-" + System.nanoTime();
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n"
                + "RUN echo ran-in-engine > /ran\n"
                + "RUN --mount=type=secret,id=token cp /run/secrets/token /seen && echo \"secret is $(cat /run/secrets/token)\"\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        build(BuildSpec.builder().context(ctx.toString()).tag(tag).noCache(true)
                .secret(SecretSource.ofValue("token", secret.getBytes(StandardCharsets.UTF_8)))
                .cacheTo("type=inline").build(), new SecretMasker(List.of(secret)));

        InspectImageResponse image = engine.api().inspectImageCmd(tag).exec();
        assertNotNull(image.getId());
        assertTrue(image.getRepoTags().toString(), image.getRepoTags().contains(tag));
        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text, containsString("RUN echo ran-in-engine > /ran"));
        assertThat(text, containsString("secret is ****"));
        assertThat(text, not(containsString(secret)));
    }
}
