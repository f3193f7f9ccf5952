package dev.stsbridge.idp.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;

/**
 * The explain page's access form over HTTP: shown only when the server has an {@link AccessCheck}, for the person's
 * own roles, with the session's CSRF token; the answer (decision, deciding statements) escaped; a refusal shown as
 * one line. The check here is a recording stand-in: what AWS answers is tested in app (AbacCommandTest) and tests.
 */
class AccessFormTest {

    private static final class Recording implements AccessCheck {
        final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Result check(dev.stsbridge.idp.sso.SignedInUser person, Request request) {
            requests.add(request);
            if (request.action().equals("s3:Refuse")) {
                throw new Refused("AssumeRoleWithSAML refused: AccessDenied: Not authorized", null);
            }
            return new Result("arn:aws:sts::" + request.account() + ":assumed-role/" + request.role() + "/"
                    + person.username(), Map.of("team", "<platform>"), "allowed",
                    List.of("statement \"TeamResources\" of policy abac-team-access (IAM Policy), lines 4-21"),
                    List.of(), List.of());
        }
    }

    private static Map<String, String> form(String csrf, String role, String action, String tags) {
        return Browser.form("csrf", csrf, "role", role, "action", action, "resource", "arn:aws:s3:::reports/q3.csv",
                "resource-tags", tags);
    }

    @Test
    void withoutAnAccessCheckThePageHasNoFormAndThePostIsNotFound(@TempDir Path dir) {
        try (TestIdp idp = TestIdp.start(dir)) {
            Browser alice = idp.browser().signedIn("alice", "wonderland");
            HttpResponse<String> page = alice.get("/explain");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("access-form");
            HttpResponse<String> post = alice.post("/explain", form(Browser.csrf(page.body()), "111122223333 Admin",
                    "s3:GetObject", ""));
            assertThat(post.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theFormListsTheirRolesAndShowsTheDecisionAndTheDecidingStatement(@TempDir Path dir) {
        Recording check = new Recording();
        try (TestIdp idp = TestIdp.start(dir, check)) {
            Browser alice = idp.browser().signedIn("alice", "wonderland");
            HttpResponse<String> page = alice.get("/explain?account=dev&role=Developer");
            assertThat(page.body()).contains("<form id=\"access-form\"",
                    "<option value=\"111122223333 Admin\">prod (111122223333): Admin</option>",
                    "<option value=\"444455556666 Developer\" selected>dev (444455556666): Developer</option>");
            HttpResponse<String> answer = alice.post("/explain", form(Browser.csrf(page.body()),
                    "111122223333 Admin", "s3:GetObject", "team=platform\r\nproject=q3\r\n"));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("<p id=\"access-decision\" class=\"ok\">Decision: "
                            + "<span id=\"access-verdict\">allowed</span></p>",
                    "arn:aws:sts::111122223333:assumed-role/Admin/alice (principal tags team&#61;&lt;platform&gt;)",
                    "<li class=\"access-statement\">statement &quot;TeamResources&quot; of policy abac-team-access "
                            + "(IAM Policy), lines 4-21</li>",
                    "<option value=\"111122223333 Admin\" selected>")
                    .doesNotContain("<platform>");
            assertThat(check.requests).containsExactly(new AccessCheck.Request("111122223333", "Admin",
                    "s3:GetObject", "arn:aws:s3:::reports/q3.csv", Map.of("team", "platform", "project", "q3")));
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsForbiddenAndAsksNothing(@TempDir Path dir) {
        Recording check = new Recording();
        try (TestIdp idp = TestIdp.start(dir, check)) {
            Browser alice = idp.browser().signedIn("alice", "wonderland");
            HttpResponse<String> post = alice.post("/explain", form("forged", "111122223333 Admin", "s3:GetObject",
                    ""));
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(check.requests).isEmpty();
        }
    }

    @Test
    void aRoleThatIsNotTheirsOrARefusalIsOneLineOnThePage(@TempDir Path dir) {
        Recording check = new Recording();
        try (TestIdp idp = TestIdp.start(dir, check)) {
            Browser bob = idp.browser().signedIn("bob", "builder");
            String csrf = Browser.csrf(bob.get("/explain").body());
            HttpResponse<String> notHis = bob.post("/explain", form(csrf, "111122223333 Admin", "s3:GetObject", ""));
            assertThat(notHis.body()).contains("<p id=\"access-error\" class=\"error\" role=\"alert\">Choose one of "
                    + "your roles.</p>");
            HttpResponse<String> refused = bob.post("/explain", form(csrf, "444455556666 ReadOnly", "s3:Refuse", ""));
            assertThat(refused.body()).contains("AssumeRoleWithSAML refused: AccessDenied: Not authorized");
            HttpResponse<String> badTag = bob.post("/explain", form(csrf, "444455556666 ReadOnly", "s3:GetObject",
                    "no-equals"));
            assertThat(badTag.body()).contains("Write each resource tag as key&#61;value, one a line.");
            assertThat(check.requests).extracting(AccessCheck.Request::action).containsExactly("s3:Refuse");
        }
    }

    @Test
    void carolWithoutRolesSeesNoForm(@TempDir Path dir) {
        try (TestIdp idp = TestIdp.start(dir, new Recording())) {
            HttpResponse<String> page = idp.browser().signedIn("carol", "chocolate").get("/explain");
            assertThat(page.body()).doesNotContain("access-form");
        }
    }
}
