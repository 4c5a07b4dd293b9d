package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import io.jenkins.plugins.buildkit.wire.control.UsageRecord;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.After;
import org.junit.Assume;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The web UI after real builds on the test buildkitd, from an agent (remoting and Jenkins's class
 * filter in between): the build page's timeline, the job page's trends, and Manage Jenkins ›
 * BuildKit builders with a docker-container builder of the test's own, pruned, stopped and removed.
 */
public class WebUiIT {
    private final JenkinsRule r = new JenkinsRule();

    @Rule
    public RuleChain rules = RuleChain.outerRule(new ClassFilterGuard()).around(r);

    private static final String SECRET = "ui-" + System.nanoTime() + "-secret";
    private TestEnvironment env;
    private String containerBuilder;

    @Before
    public void setUp() throws Exception {
        env = TestJenkins.adminOnlyWithCredentials(r, SECRET);
        containerBuilder = "ui-" + System.nanoTime();
        TestJenkins.useBuilders("shared", TestJenkins.remoteBuilder("shared", env), TestJenkins.containerBuilder(containerBuilder));
        r.createOnlineSlave(Label.get("linux"));
    }

    @After
    public void removeContainerBuilder() throws Exception {
        BuilderConnectionIT.removeBuilderContainer(containerBuilder);
    }

    /** A job on the agent whose Dockerfile runs {@code run}, reading the secret, on {@code builder}. */
    private WorkflowJob job(String name, String run, String builder) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                + "writeFile file: 'app/Dockerfile', text: '''FROM scratch\nCOPY rootfs/ /\n"
                + "RUN --mount=type=secret,id=token " + run + "\n'''\n"
                + "sh '''cd app && " + TestJenkins.busyboxRootfs(env) + "'''\n"
                + "buildkitBuild(context: 'app', builder: '" + builder + "', outputs: ['type=local,dest=out'],"
                + " secrets: [[id: 'token', credentialsId: '" + TestJenkins.TOKEN + "']])\n}\n", true));
        return job;
    }

    private JenkinsRule.WebClient admin() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setJavaScriptEnabled(false);
        return wc.login("admin");
    }

    private String html(String path) throws Exception {
        Page page = admin().goTo(path, null);
        assertEquals(path, 200, page.getWebResponse().getStatusCode());
        return page.getWebResponse().getContentAsString();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    public void buildPageShowsTheTimelineAndJobPageTheTrends() throws Exception {
        // the nonce makes the first build run, whatever the shared daemon has cached
        WorkflowJob job = job("timeline", "echo \"token $(cat /run/secrets/token)\" && echo second line && sleep 1 && echo "
                + System.nanoTime() + " > /dev/null", "shared");
        WorkflowRun first = r.buildAndAssertSuccess(job);
        WorkflowRun second = r.buildAndAssertSuccess(job);

        BuildTimeline ran = first.getAction(BuildKitBuildAction.class).getTimeline();
        assertNotNull("the timeline came back from the agent", ran);
        BuildTimeline.Step run = ran.getSteps().stream().filter(s -> s.getName().contains("RUN --mount")).findFirst().orElseThrow();
        assertEquals(BuildTimeline.State.RUN, run.getState());
        assertEquals(List.of("token ****", "second line"), run.getLastLines());
        assertTrue("a second of sleep", run.getDurationMillis() >= 1000);
        assertTrue("the context holds busybox", ran.getContextBytes() > 500_000);

        BuildTimeline cached = second.getAction(BuildKitBuildAction.class).getTimeline();
        assertEquals(BuildTimeline.State.CACHED,
                cached.getSteps().stream().filter(s -> s.getName().contains("RUN --mount")).findFirst().orElseThrow().getState());

        String page = html(first.getUrl());
        assertEquals("one bar per step", ran.getSteps().size(), count(page, "class=\"buildkit-bar\""));
        assertThat("bars are labelled", page, containsString("class=\"buildkit-step-name\""));
        assertThat(page, containsString(">[stage-0 2/2] RUN --mount=type=secret,id=token echo"));
        assertThat(page, containsString(">[stage-0 1/2] COPY rootfs/ /<"));
        assertThat(page, containsString("token ****"));
        assertThat(page, not(containsString(SECRET)));
        assertThat(html(second.getUrl()), containsString("data-state=\"cached\""));

        WorkflowJob failing = job("failing", "echo about to fail && exit 3 # " + System.nanoTime(), "shared");
        WorkflowRun failed = r.buildAndAssertStatus(Result.FAILURE, failing);
        BuildKitBuildAction failure = failed.getAction(BuildKitBuildAction.class);
        assertNotNull("a failed build keeps its timeline", failure);
        assertTrue(failure.isFailed());
        String failedPage = html(failed.getUrl());
        assertThat(failedPage, containsString("data-state=\"error\""));
        assertThat(failedPage, containsString("about to fail"));

        String jobPage = html(job.getUrl());
        assertEquals("three charts of two builds", 6, count(jobPage, "class=\"buildkit-trend-point\""));
        assertThat(jobPage, containsString("href=\"/jenkins/" + second.getUrl() + "\""));
    }

    private Page post(String action, Map<String, String> params) throws Exception {
        JenkinsRule.WebClient wc = admin();
        WebRequest req = new WebRequest(new URL(r.getURL(), "manage/" + BuildKitManagementLink.URL_NAME + "/" + action), HttpMethod.POST);
        List<NameValuePair> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(new NameValuePair(k, v)));
        req.setRequestParameters(pairs);
        wc.addCrumb(req);
        Page page = wc.getPage(req);
        assertEquals(action, 200, page.getWebResponse().getStatusCode());
        return page;
    }

    private String status(String builder) throws Exception {
        return html("manage/" + BuildKitManagementLink.URL_NAME + "/status?builder=" + builder);
    }

    private long diskUsage(String builder) throws Exception {
        try (BuildKitClient client = BuildKitGlobalConfiguration.get().builder(builder).toSpec(CredentialLookup.system())
                .create(System.getenv()).connect()) {
            return client.diskUsage(List.of()).stream().mapToLong(UsageRecord::getSize).sum();
        }
    }

    @Test
    public void managementPageReportsBuildersAndPrunesStopsAndRemovesOne() throws Exception {
        assertThat(status("shared"), containsString("class=\"buildkit-version\">v0.34.2<"));
        assertThat("looking does not create the builder", status(containerBuilder), containsString("data-state=\"not created\""));

        WorkflowRun build = r.buildAndAssertSuccess(job("on-own-builder", "echo built here", containerBuilder));
        String running = status(containerBuilder);
        assertThat(running, containsString("data-state=\"running\""));
        assertThat(running, containsString("class=\"buildkit-version\">v0.34.2<"));
        assertThat(running, containsString("linux/amd64"));
        assertThat("disk usage by record type", running, containsString("<td>regular</td>"));
        assertThat("the last builds", running, containsString("href=\"/jenkins/" + build.getUrl() + "\""));
        assertTrue("the action forms carry a crumb", java.util.regex.Pattern.compile("<input name=\"Jenkins-Crumb\"[^>]*value=\"test\"")
                .matcher(running).find());

        long before = diskUsage(containerBuilder);
        assertTrue("the build left cache: " + before, before > 0);
        String pruned = post("prune", Map.of("builder", containerBuilder, "all", "true")).getWebResponse().getContentAsString();
        assertThat(pruned, containsString("Pruned builder " + containerBuilder + ": freed"));
        long after = diskUsage(containerBuilder);
        assertTrue("prune freed space: " + before + " -> " + after, after < before);
        assertThat(pruned, containsString("(" + (before - after) + " bytes)"));

        assertThat(post("stop", Map.of("builder", containerBuilder)).getWebResponse().getContentAsString(),
                containsString("Stopped builder " + containerBuilder));
        assertThat(status(containerBuilder), containsString("data-state=\"stopped\""));
        assertThat(post("remove", Map.of("builder", containerBuilder)).getWebResponse().getContentAsString(),
                containsString("Removed builder " + containerBuilder + " and its cache (its size was not measured: the daemon was not running)"));
        assertThat(status(containerBuilder), containsString("data-state=\"not created\""));

        // removed while running, it says how much cache went with it
        r.buildAndAssertSuccess(job("on-own-builder-again", "echo built again", containerBuilder));
        long cache = diskUsage(containerBuilder);
        assertTrue("the build left cache to free: " + cache, cache > 0);
        String removed = post("remove", Map.of("builder", containerBuilder)).getWebResponse().getContentAsString();
        assertThat(removed, containsString("Removed builder " + containerBuilder + " and its cache: freed "));
        assertThat(removed, containsString("(" + cache + " bytes)"));
        assertThat(status(containerBuilder), containsString("data-state=\"not created\""));
    }

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    /** Debian's chromium, headless, through Debian's chromedriver: Selenium looks for and downloads nothing. */
    private static ChromeDriver browser() {
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1200",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-extensions");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("web-ui-" + name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits, bounded, for {@code condition}; on failure the page's screenshot and source are kept beside the others. */
    private static <T> T await(ChromeDriver browser, String what, java.util.function.Function<WebDriver, T> condition) throws Exception {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200)).withMessage(what).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot(browser, "timeout");
            Files.writeString(SCREENSHOTS.resolve("web-ui-timeout.html"), browser.getPageSource());
            throw e;
        }
    }

    /**
     * The three pages in a real browser, with screenshots under target/screenshots: the bars and
     * their labels, a trend point per build, the builder's version once its status has loaded on
     * its own, and a prune from the page that frees space on the daemon.
     */
    @Test
    public void pagesInAHeadlessBrowser() throws Exception {
        Assume.assumeTrue("Debian's chromium and chromium-driver", (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                || System.getenv("CI") != null);
        WorkflowJob job = job("browser", "echo browser-" + System.nanoTime() + " && echo done", containerBuilder);
        WorkflowRun first = r.buildAndAssertSuccess(job);
        WorkflowRun second = r.buildAndAssertSuccess(job);
        ChromeDriver browser = browser();
        try {
            browser.get(r.getURL() + "login");
            await(browser, "the login form", ExpectedConditions.visibilityOfElementLocated(By.name("j_username"))).sendKeys("admin");
            WebElement password = browser.findElement(By.name("j_password"));
            password.sendKeys("admin");
            password.submit();
            await(browser, "logged in", d -> !d.getCurrentUrl().contains("login"));

            browser.get(r.getURL() + first.getUrl());
            List<WebElement> bars = await(browser, "the timeline's bars", d -> {
                List<WebElement> found = d.findElements(By.cssSelector("svg.buildkit-timeline .buildkit-bar"));
                return found.isEmpty() ? null : found;
            });
            int steps = first.getAction(BuildKitBuildAction.class).getTimeline().getSteps().size();
            assertEquals("one bar per step", steps, bars.size());
            List<String> labels = browser.findElements(By.cssSelector("svg.buildkit-timeline .buildkit-step-name")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(steps, labels.size());
            assertTrue("the RUN step is labelled: " + labels, labels.stream().anyMatch(l -> l.contains("RUN --mount=type=secret")));
            assertTrue("bars are drawn", bars.get(0).getRect().getWidth() > 0);
            screenshot(browser, "build-page");

            browser.get(r.getURL() + job.getUrl());
            List<WebElement> points = await(browser, "the trend points", d -> {
                List<WebElement> found = d.findElements(By.cssSelector("svg.buildkit-trend .buildkit-trend-point"));
                return found.isEmpty() ? null : found;
            });
            assertEquals("two builds in each of three charts", 6, points.size());
            screenshot(browser, "job-page");

            browser.get(r.getURL() + "manage/" + BuildKitManagementLink.URL_NAME + "/");
            By ownStatus = By.cssSelector(".buildkit-status[data-builder='" + containerBuilder + "']");
            WebElement status = await(browser, "the builder's status, loaded on its own", ExpectedConditions.visibilityOfElementLocated(ownStatus));
            assertEquals("v0.34.2", status.findElement(By.className("buildkit-version")).getText());
            await(browser, "the remote builder's status", ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".buildkit-status[data-builder='shared'] .buildkit-version")));
            assertTrue("the last builds list the job", status.findElement(By.className("buildkit-recent-builds")).getText()
                    .contains(second.getDisplayName()));
            screenshot(browser, "management-page");
            Files.writeString(SCREENSHOTS.resolve("web-ui-management-page.html"), browser.getPageSource());

            long before = diskUsage(containerBuilder);
            WebElement prune = status.findElement(By.cssSelector("form.buildkit-prune"));
            prune.findElement(By.name("all")).click();
            prune.findElement(By.cssSelector("button[type=submit]")).click();
            Alert confirm = await(browser, "the confirmation", ExpectedConditions.alertIsPresent());
            assertThat(confirm.getText(), containsString("Prune the build cache of " + containerBuilder));
            confirm.accept();
            WebElement done = await(browser, "the prune's report", ExpectedConditions.visibilityOfElementLocated(By.className("buildkit-action-done")));
            assertThat(done.getText(), containsString("Pruned builder " + containerBuilder + ": freed"));
            screenshot(browser, "pruned");
            long after = diskUsage(containerBuilder);
            assertTrue("the prune from the page freed space: " + before + " -> " + after, after < before);
        } finally {
            browser.quit();
        }
    }
}
