package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.anyOf;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.is;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * Who may do what: "Test connection" (it reaches out from the controller with system credentials)
 * is for administrators and POST only; the drop-downs list credentials and builders only to those
 * who may configure what they belong to, others seeing at most the value already chosen.
 */
public class PermissionsTest {
    private static final String PKG = "io.jenkins.plugins.buildkit.jenkins.";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private FreeStyleProject job;

    @Before
    public void setUp() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        job = r.createFreeStyleProject("image");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader", "viewer", "configurer")
                .grant(Item.READ).onItems(job).to("viewer", "configurer")
                .grant(Item.CONFIGURE).onItems(job).to("configurer"));
        ConfigRoundTripTest.configureEveryDriver();
        ConfigRoundTripTest.addStepCredentials();
    }

    /** A POST of the form's Test connection button, or a GET of the same URL. */
    private Page call(String user, HttpMethod method, String descriptor, String action, Map<String, String> params) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        WebRequest req = new WebRequest(new URL(r.getURL(), "descriptorByName/" + PKG + descriptor + "/" + action), method);
        List<NameValuePair> pairs = new java.util.ArrayList<>();
        params.forEach((k, v) -> pairs.add(new NameValuePair(k, v)));
        req.setRequestParameters(pairs);
        if (method == HttpMethod.POST) {
            wc.addCrumb(req);
        }
        return wc.getPage(req);
    }

    private static final Map<String, Map<String, String>> TEST_CONNECTION = Map.of(
            "DockerDriverConfig", Map.of("endpoint", "ftp://nowhere"),
            "DockerContainerDriverConfig", Map.of("dockerEndpoint", "ftp://nowhere", "name", "perm-test"),
            "RemoteDriverConfig", Map.of("endpoint", "ftp://nowhere"));

    @Test
    public void testConnectionIsForAdministratorsAndPostOnly() throws Exception {
        for (Map.Entry<String, Map<String, String>> e : TEST_CONNECTION.entrySet()) {
            String d = e.getKey();
            Page admin = call("admin", HttpMethod.POST, d, "testConnection", e.getValue());
            assertEquals(d + ": an administrator's POST is answered", 200, admin.getWebResponse().getStatusCode());
            // the endpoint's own check answers, before anything is contacted
            assertThat(d, admin.getWebResponse().getContentAsString(), containsString("ftp://nowhere"));

            // @POST: Stapler dispatches no other method to it (this Jenkins answers 404; older ones 405)
            Page get = call("admin", HttpMethod.GET, d, "testConnection", e.getValue());
            assertThat(d + ": GET is refused", get.getWebResponse().getStatusCode(), anyOf(is(404), is(405)));
            assertThat(d, get.getWebResponse().getContentAsString(), not(containsString("ftp://nowhere")));
            assertEquals(d + ": Overall/Read is not enough", 403, call("reader", HttpMethod.POST, d, "testConnection", e.getValue())
                    .getWebResponse().getStatusCode());
            assertEquals(d + ": nor is configuring a job", 403, call("configurer", HttpMethod.POST, d, "testConnection", e.getValue())
                    .getWebResponse().getStatusCode());
            // anonymous is sent to the login page rather than answered 403
            Page anonymous = call(null, HttpMethod.POST, d, "testConnection", e.getValue());
            assertThat(d + ": anonymous is refused", anonymous.getWebResponse().getContentAsString(), not(containsString("ftp://nowhere")));
            assertThat(d + ": anonymous is refused", anonymous.getWebResponse().getStatusCode() == 403
                    || anonymous.getUrl().toString().contains("login"), is(true));
        }
    }

    /** Against the real daemon: an administrator's Test connection with a certificate credential of the system store. */
    @Test
    public void testConnectionReachesTheRemoteBuilderWithAStoredCertificateCredential() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        StoredCredentials.certificate("real-client", env.pem("client.pem"), env.pem("client-key.pem"));
        Page admin = call("admin", HttpMethod.POST, "RemoteDriverConfig", "testConnection", Map.of("endpoint", env.address,
                "credentialsId", "real-client", "caCertificate", env.pem("ca.pem"), "name", "shared"));
        assertEquals(200, admin.getWebResponse().getStatusCode());
        String text = admin.getWebResponse().getContentAsString();
        assertThat(text, containsString("BuildKit v"));
        assertThat("the answer names the builder of the form", text, containsString("on remote builder shared"));
        assertThat("the answer says where it was tested from", text, containsString("Tested from the controller"));
        assertThat(text, not(containsString("error")));
        assertEquals(403, call("reader", HttpMethod.POST, "RemoteDriverConfig", "testConnection", Map.of("endpoint", env.address,
                "credentialsId", "real-client", "caCertificate", env.pem("ca.pem"))).getWebResponse().getStatusCode());
    }

    private static <T> T as(String user, Supplier<T> call) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return call.get();
        }
    }

    private static List<String> values(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }

    @Test
    public void driverCredentialDropDownListsCertificatesToAdministratorsOnly() throws Exception {
        for (String d : List.of("DockerDriverConfig", "DockerContainerDriverConfig", "RemoteDriverConfig")) {
            DriverConfig.DriverDescriptor descriptor = (DriverConfig.DriverDescriptor) r.jenkins.getDescriptorOrDie(
                    Class.forName(PKG + d).asSubclass(DriverConfig.class));
            List<String> admin = values(as("admin", () -> descriptor.doFillCredentialsIdItems("")));
            assertThat(d, admin.toString(), containsString("engine-cert"));
            assertThat(d, admin.toString(), containsString("buildkit-client-cert"));
            assertThat(d + ": only certificate credentials", admin.toString(), not(containsString("registry-login")));
            assertEquals(d, List.of("buildkit-client-cert"), values(as("reader", () -> descriptor.doFillCredentialsIdItems("buildkit-client-cert"))));
            assertEquals(d, List.of("buildkit-client-cert"), values(as("configurer", () -> descriptor.doFillCredentialsIdItems("buildkit-client-cert"))));

            // the same over HTTP, as the form asks for it
            String overHttp = call("reader", HttpMethod.GET, d, "fillCredentialsIdItems", Map.of("credentialsId", ""))
                    .getWebResponse().getContentAsString();
            assertThat(d, overHttp, not(containsString("engine-cert")));
            String adminHttp = call("admin", HttpMethod.GET, d, "fillCredentialsIdItems", Map.of("credentialsId", ""))
                    .getWebResponse().getContentAsString();
            assertThat(d, adminHttp, containsString("engine-cert"));
        }
    }

    /** The freestyle step's entries, on the job's configuration page. */
    private String entryItems(String user, String descriptor, String current) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        return wc.goTo(job.getUrl() + "descriptorByName/" + PKG + descriptor + "/fillCredentialsIdItems?credentialsId=" + current,
                "application/json").getWebResponse().getContentAsString();
    }

    @Test
    public void entryCredentialDropDownsListCredentialsToThoseWhoConfigureTheJob() throws Exception {
        Map<String, String> kinds = Map.of("BuildSecret", "npm-token", "SshForward", "git-key", "RegistryCredential", "registry-login");
        for (Map.Entry<String, String> e : kinds.entrySet()) {
            String configurer = entryItems("configurer", e.getKey(), "");
            assertThat(e.getKey(), configurer, containsString(e.getValue()));
            assertThat(e.getKey() + ": not the certificates", configurer, not(containsString("engine-cert")));
            String viewer = entryItems("viewer", e.getKey(), "chosen-before");
            assertThat(e.getKey(), viewer, not(containsString(e.getValue())));
            assertThat(e.getKey() + ": keeps the value chosen", viewer, containsString("chosen-before"));
        }
        // outside of any job, for administrators only
        CredentialEntry.EntryDescriptor<?> secret = (CredentialEntry.EntryDescriptor<?>) r.jenkins.getDescriptorOrDie(BuildSecret.class);
        assertThat(values(as("admin", () -> secret.doFillCredentialsIdItems(null, ""))).toString(), containsString("npm-token"));
        assertEquals(List.of("x"), values(as("reader", () -> secret.doFillCredentialsIdItems(null, "x"))));
    }

    @Test
    public void builderDropDownListsBuildersToThoseWhoConfigureTheJob() throws Exception {
        // both steps' forms fill the drop-down from the Pipeline step's descriptor, which they share
        for (String d : List.of("BuildKitStep")) {
            JenkinsRule.WebClient configurer = r.createWebClient().login("configurer");
            String listed = configurer.goTo(job.getUrl() + "descriptorByName/" + PKG + d + "/fillBuilderItems", "application/json")
                    .getWebResponse().getContentAsString();
            assertThat(d, listed, containsString("agent-files"));
            assertThat(d, listed, containsString("(default: shared)"));

            JenkinsRule.WebClient viewer = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("viewer");
            String hidden = viewer.goTo(job.getUrl() + "descriptorByName/" + PKG + d + "/fillBuilderItems?builder=local",
                    "application/json").getWebResponse().getContentAsString();
            assertThat(d, hidden, not(containsString("agent-files")));
            assertThat(d, hidden, not(containsString("shared")));
            // a real answer, not an error page: the value already chosen, alone
            assertThat(d + ": keeps the value chosen", hidden, containsString("\"local\""));

            JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
            String root = reader.goTo("descriptorByName/" + PKG + d + "/fillBuilderItems", "application/json")
                    .getWebResponse().getContentAsString();
            assertThat(d + ": outside of a job", root, not(containsString("agent-files")));
            assertThat(d + ": outside of a job, only the default", root, containsString("(default)"));

            JenkinsRule.WebClient admin = r.createWebClient().login("admin");
            assertThat(d, admin.goTo("descriptorByName/" + PKG + d + "/fillBuilderItems", "application/json")
                    .getWebResponse().getContentAsString(), containsString("agent-files"));
        }
    }
}
