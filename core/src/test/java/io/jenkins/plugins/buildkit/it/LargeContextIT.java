package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.progress.PlainRenderer;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A 1 GiB context travels to the daemon while this JVM runs with {@code -Xmx256m} (Surefire's argLine):
 * only a streaming upload, flow-controlled end to end, fits.
 */
public class LargeContextIT {
    private static final long ONE_GIB = 1L << 30;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void oneGibContextUploadsWithASmallHeap() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue("test JVM heap must be capped at 256 MiB, is " + maxHeap, maxHeap <= 256L * 1024 * 1024);

        Path ctx = tmp.newFolder("ctx").toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"),
                "FROM scratch\nCOPY rootfs/ /\nCOPY big.bin /big.bin\nRUN echo size=$(wc -c < /big.bin)\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        try (RandomAccessFile big = new RandomAccessFile(ctx.resolve("big.bin").toFile(), "rw")) {
            big.setLength(ONE_GIB); // sparse on disk, but every byte is read and sent
            big.seek(ONE_GIB - 5);
            big.write("last".getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DriverBuild.run(env.driver(), BuildSpec.builder().context(ctx.toString()).noCache(true).build(),
                new PlainRenderer(new PrintStream(console, true, StandardCharsets.UTF_8), SecretMasker.NONE));
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(text, containsString("size=" + ONE_GIB));
        assertTrue(text, text.matches("(?s).*transferring context: 1\\.0[78]GB.*"));
    }
}
