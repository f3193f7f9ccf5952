package dev.stsbridge.tests.support;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at the browser, going through the demo's pages by their documented hooks (the IdP's templates and the
 * verifier's sign-in pages): the login form, the portal, AWS's role picker, the console page. Every step waits
 * explicitly (WebDriverWait) for the page it expects; nothing sleeps.
 *
 * <pre>{@code
 * SignInBrowser person = new SignInBrowser(chromium.driver(), demo);
 * person.logIn("alice", "wonderland");
 * person.portal();                                 // accounts and roles
 * person.clickRole("111122223333", "Admin");
 * SignInBrowser.ConsolePage console = person.console();
 * }</pre>
 */
public final class SignInBrowser {

    /** Generous: the two cores of this machine are shared with other builds. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final RunningDemo demo;
    private final WebDriverWait wait;

    public SignInBrowser(WebDriver driver, RunningDemo demo) {
        this.driver = driver;
        this.demo = demo;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** An account on the portal, with its roles in page order. */
    public record PortalAccount(String id, String name, List<String> roles) {
    }

    /**
     * The verifier's console page.
     *
     * @param tags session tag key -> value, in page order
     * @param transitive session tag key -> "yes" or "no"
     */
    public record ConsolePage(String assumedRoleArn, String account, String sourceIdentity, String relayState,
                              Map<String, String> tags, Map<String, String> transitive) {
    }

    /** Forgets every cookie of 127.0.0.1 (the IdP's session; both servers share the host), as a new browser would. */
    public void forgetSession() {
        driver.get(demo.idp("/healthz").toString());
        driver.manage().deleteAllCookies();
    }

    /** Opens the login page and submits the form. */
    public void logIn(String username, String password) {
        driver.get(demo.loginUrl().toString());
        submitLogin(username, password);
    }

    /** Fills and submits the login form of the page now shown. */
    public void submitLogin(String username, String password) {
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        form.findElement(By.id("username")).sendKeys(username);
        form.findElement(By.id("password")).sendKeys(password);
        form.findElement(By.id("login-submit")).click();
    }

    /** The refusal on the login page. */
    public String loginError() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText();
    }

    /** Waits for the portal and reads its accounts (none when the person has no AWS roles). */
    public List<PortalAccount> portal() {
        wait.until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/portal")
                && !d.findElements(By.cssSelector("section.account, p#no-roles")).isEmpty());
        return driver.findElements(By.cssSelector("section.account")).stream()
                .map(s -> new PortalAccount(s.getDomAttribute("data-account-id"), s.getDomAttribute("data-account-name"),
                        s.findElements(By.cssSelector("a.role-link")).stream().map(a -> a.getDomAttribute("data-role"))
                                .toList()))
                .toList();
    }

    /** The portal's "no AWS roles" notice. */
    public String noRolesNotice() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-roles"))).getText();
    }

    public void clickRole(String accountId, String role) {
        driver.findElement(By.cssSelector("a.role-link[data-account='" + accountId + "'][data-role='" + role + "']"))
                .click();
    }

    public void clickAllRoles() {
        driver.findElement(By.id("all-roles")).click();
    }

    /** Waits for AWS's role picker; account label ("prod (111122223333)") -> the role ARNs offered there. */
    public Map<String, List<String>> rolePicker() {
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saml_form")));
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        for (WebElement account : form.findElements(By.cssSelector(".saml-account"))) {
            String label = account.findElement(By.cssSelector(".saml-account-name")).getText()
                    .replaceFirst("^Account: ", "");
            accounts.put(label, account.findElements(By.cssSelector("input[name=roleIndex]")).stream()
                    .map(r -> r.getDomAttribute("value")).toList());
        }
        return accounts;
    }

    /** On the role picker: selects the role and signs in. */
    public void chooseRole(String roleArn) {
        WebElement form = driver.findElement(By.id("saml_form"));
        form.findElements(By.cssSelector("input[name=roleIndex]")).stream()
                .filter(r -> roleArn.equals(r.getDomAttribute("value"))).findFirst()
                .orElseThrow(() -> new AssertionError("the role picker offers no " + roleArn)).click();
        form.findElement(By.id("signin_button")).click();
    }

    /** Waits until the browser is on the AWS model's console page, and reads it. */
    public ConsolePage console() {
        String origin = demo.awsEndpoint().toString();
        wait.until(d -> d.getCurrentUrl().startsWith(origin + "/console")
                && !d.findElements(By.id("assumed-role-arn")).isEmpty());
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> transitive = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#session-tags tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.size() == 3) {
                tags.put(cells.get(0).getText(), cells.get(1).getText());
                transitive.put(cells.get(0).getText(), cells.get(2).getText());
            }
        }
        return new ConsolePage(text("assumed-role-arn"), text("account"), text("source-identity"), text("relay-state"),
                tags, transitive);
    }

    /**
     * The explain page's access answer.
     *
     * @param decision allowed, explicitDeny or implicitDeny
     * @param statements the deciding statements, one line each
     */
    public record AccessAnswer(String decision, String principal, List<String> statements) {
    }

    /** On {@code /explain}: chooses the role ({@code "<account id> <role>"}), fills the form, submits, reads the answer. */
    public AccessAnswer checkAccess(String role, String action, String resource, String resourceTags) {
        driver.get(demo.idp("/explain").toString());
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("access-form")));
        new org.openqa.selenium.support.ui.Select(form.findElement(By.id("access-role"))).selectByValue(role);
        for (String[] field : new String[][] {{"access-action", action}, {"access-resource", resource},
                {"access-tags", resourceTags}}) {
            WebElement input = form.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        form.findElement(By.id("access-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("access-verdict")));
        return new AccessAnswer(text("access-verdict"), text("access-principal"),
                driver.findElements(By.cssSelector("li.access-statement")).stream().map(WebElement::getText).toList());
    }

    /** The path of the page now shown. */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }
}
