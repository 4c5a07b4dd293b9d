package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.anyOf;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.is;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import hudson.model.Item;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Manage Jenkins › BuildKit builders without a daemon: who may see and act (administrators only,
 * actions POST with a crumb), what bad input and an unreachable builder say.
 */
public class BuildKitManagementLinkTest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Before
    public void setUp() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CONFIGURE).everywhere().to("developer"));
        // nothing listens on port 1: the builder is down
        TestJenkins.useBuilders("down", new BuilderConfig("down", new RemoteDriverConfig("tcp://127.0.0.1:1")));
    }

    private Page call(String user, HttpMethod method, String action, Map<String, String> params, boolean crumb) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setJavaScriptEnabled(false);
        wc.login(user);
        WebRequest req = new WebRequest(new URL(r.getURL(), "manage/" + BuildKitManagementLink.URL_NAME + "/" + action), method);
        List<NameValuePair> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(new NameValuePair(k, v)));
        req.setRequestParameters(pairs);
        if (crumb) {
            wc.addCrumb(req);
        }
        return wc.getPage(req);
    }

    private int status(String user, HttpMethod method, String action, Map<String, String> params) throws Exception {
        return call(user, method, action, params, true).getWebResponse().getStatusCode();
    }

    private static final Map<String, Map<String, String>> ACTIONS = Map.of(
            "prune", Map.of("builder", "down", "keepStorage", "1gb", "filterUntil", "24h"),
            "stop", Map.of("builder", "down"),
            "remove", Map.of("builder", "down"));

    @Test
    public void onlyAdministratorsSeeThePageOrAct() throws Exception {
        assertEquals(200, status("admin", HttpMethod.GET, "", Map.of()));
        assertEquals("the page", 403, status("developer", HttpMethod.GET, "", Map.of()));
        assertEquals("a builder's status", 403, status("developer", HttpMethod.GET, "status", Map.of("builder", "down")));
        for (Map.Entry<String, Map<String, String>> a : ACTIONS.entrySet()) {
            assertEquals(a.getKey(), 403, status("developer", HttpMethod.POST, a.getKey(), a.getValue()));
        }
    }

    @Test
    public void everyActionIsPostOnlyAndNeedsACrumb() throws Exception {
        for (Map.Entry<String, Map<String, String>> a : ACTIONS.entrySet()) {
            assertThat(a.getKey() + " by GET", status("admin", HttpMethod.GET, a.getKey(), a.getValue()), anyOf(is(404), is(405)));
            assertEquals(a.getKey() + " without a crumb", 403,
                    call("admin", HttpMethod.POST, a.getKey(), a.getValue(), false).getWebResponse().getStatusCode());
        }
    }

    @Test
    public void badInputIsRefusedNamingTheFieldAndValue() throws Exception {
        Page size = call("admin", HttpMethod.POST, "prune", Map.of("builder", "down", "keepStorage", "lots"), true);
        assertEquals(400, size.getWebResponse().getStatusCode());
        assertThat(size.getWebResponse().getContentAsString(), containsString("keepStorage: &quot;lots&quot; is not a size"));
        Page until = call("admin", HttpMethod.POST, "prune", Map.of("builder", "down", "filterUntil", "soon"), true);
        assertEquals(400, until.getWebResponse().getStatusCode());
        assertThat(until.getWebResponse().getContentAsString(), containsString("filterUntil: &quot;soon&quot; is not a duration"));
        Page unknown = call("admin", HttpMethod.POST, "prune", Map.of("builder", "nope"), true);
        assertEquals(404, unknown.getWebResponse().getStatusCode());
        assertThat(unknown.getWebResponse().getContentAsString(), containsString("builder: no builder named"));
        Page stop = call("admin", HttpMethod.POST, "stop", Map.of("builder", "down"), true);
        assertEquals(400, stop.getWebResponse().getStatusCode());
        assertThat(stop.getWebResponse().getContentAsString(), containsString("uses the remote driver, whose daemon someone else runs"));
    }

    @Test
    public void pageListsTheBuildersAndAnUnreachableOneSaysWhy() throws Exception {
        String page = call("admin", HttpMethod.GET, "", Map.of(), false).getWebResponse().getContentAsString();
        assertThat(page, containsString("data-status-url=\"/jenkins/manage/buildkit-builders/status?builder=down\""));
        assertThat("the page asks no daemon itself", page, containsString("Asking the builder"));
        Page statusPage = call("admin", HttpMethod.GET, "status", Map.of("builder", "down"), false);
        assertEquals(200, statusPage.getWebResponse().getStatusCode());
        String status = statusPage.getWebResponse().getContentAsString();
        assertThat(status, containsString("Driver: <b>remote</b>"));
        assertThat(status, containsString("data-state=\"unreachable\""));
        assertThat("it says why", status, containsString("127.0.0.1:1"));
    }
}
