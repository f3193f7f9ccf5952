package dev.stsbridge.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver, both given by path so that Selenium
 * Manager never runs (it would download drivers). Every browser starts with a fresh temporary profile and exactly
 * the safety flags of DEPENDENCIES.md, including {@code --host-resolver-rules} that answer every name except
 * {@code localhost} and {@code 127.0.0.1} with "not found", so the browser never looks up an outside name. The
 * driver and the browser run with a private HOME inside the work directory.
 *
 * <pre>{@code
 * try (Chromium chromium = Chromium.start(tempDir)) {
 *     ChromeDriver driver = chromium.driver();
 *     driver.get("http://127.0.0.1:" + port + "/login");
 *     chromium.screenshot(Path.of("target/console.png"));
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {

    /** Outside names resolve to nothing; only loopback is reachable by name. */
    public static final String HOST_RESOLVER_RULES = "MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1";
    private static final Dimension WINDOW = new Dimension(1280, 900);

    private final ChromeDriver driver;
    private final Path workDirectory;

    private Chromium(ChromeDriver driver, Path workDirectory) {
        this.driver = driver;
        this.workDirectory = workDirectory;
    }

    /** The browser's command-line flags for a profile in {@code profile}: headless plus DEPENDENCIES.md's list. */
    public static List<String> arguments(Path profile) {
        return List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--host-resolver-rules=" + HOST_RESOLVER_RULES);
    }

    /**
     * Starts chromedriver and a headless Chromium with a fresh profile in a new directory under {@code parent}
     * (deleted again by {@link #close()}).
     */
    public static Chromium start(Path parent) {
        return start(parent, List.of());
    }

    /**
     * The same with more flags, e.g. {@code --ignore-certificate-errors-spki-list=<SHA-256 of a key, base64>} to trust
     * exactly one self-signed test server (Chromium honours it only with {@code --user-data-dir}, which is set).
     */
    public static Chromium start(Path parent, List<String> extraArguments) {
        Path browser = RequiredTool.CHROMIUM.require();
        Path chromedriver = RequiredTool.CHROMEDRIVER.require();
        Path work = newDirectory(parent);
        Path home = work.resolve("home");
        Path profile = work.resolve("profile");
        createDirectories(home, profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(arguments(profile));
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString()))
                .withLogFile(work.resolve("chromedriver.log").toFile())
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(WINDOW);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, work);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a PNG of the current page to {@code file} (its directory is created). */
    public Path screenshot(Path file) {
        Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits the browser and the driver, and deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(workDirectory);
        }
    }

    private static Path newDirectory(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path... directories) {
        try {
            for (Path directory : directories) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
