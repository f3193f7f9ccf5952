package dev.stsbridge.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The Debian tools the end-to-end tests drive. A missing tool <em>fails</em> the test (never skips it) with a message
 * naming the tool and the Debian package that installs it; {@code .ci/run} installs them all.
 *
 * <pre>{@code
 * Path xmlsec1 = RequiredTool.require("xmlsec1");          // /usr/bin/xmlsec1
 * Path aws = RequiredTool.require("/usr/bin/aws");         // Debian's AWS CLI v2 (not the aws on PATH)
 * RequiredTool.requirePythonModule("saml2");               // python3-pysaml2 for /usr/bin/python3
 * }</pre>
 */
public enum RequiredTool {
    XMLSEC1("xmlsec1", "/usr/bin/xmlsec1", "xmlsec1"),
    SLAPD("slapd", "/usr/sbin/slapd", "slapd ldap-utils"),
    SLAPADD("slapadd", "/usr/sbin/slapadd", "slapd"),
    CHROMIUM("chromium", "/usr/bin/chromium", "chromium"),
    CHROMEDRIVER("chromedriver", "/usr/bin/chromedriver", "chromium-driver"),
    AWS("/usr/bin/aws", "/usr/bin/aws", "awscli"),
    PYTHON3("/usr/bin/python3", "/usr/bin/python3", "python3"),
    OPENSSL("openssl", "/usr/bin/openssl", "openssl");

    private final String name;
    private final Path path;
    private final String debianPackages;

    RequiredTool(String name, String path, String debianPackages) {
        this.name = name;
        this.path = Path.of(path);
        this.debianPackages = debianPackages;
    }

    /** Where the tests run it from (always an absolute Debian path: tools on PATH may be other builds). */
    public Path path() {
        return path;
    }

    /** The Debian package(s) that install it. */
    public String debianPackages() {
        return debianPackages;
    }

    /**
     * The tool's absolute path, or an {@link AssertionError} naming it and its Debian package.
     *
     * @param name {@code xmlsec1}, {@code slapd}, {@code slapadd}, {@code chromium}, {@code chromedriver},
     *             {@code /usr/bin/aws}, {@code /usr/bin/python3} or {@code openssl}
     */
    public static Path require(String name) {
        return of(name).require();
    }

    /** This tool's path, or an {@link AssertionError} naming it and its Debian package. */
    public Path require() {
        return requireAt(path);
    }

    Path requireAt(Path location) {
        if (!Files.isExecutable(location)) {
            throw new AssertionError(name + " is required but " + location + " is missing or not executable: install"
                    + " the Debian package " + debianPackages + " (apt-get install -y --no-install-recommends "
                    + debianPackages + "; .ci/run does)");
        }
        return location;
    }

    /**
     * Fails naming the Debian package unless {@code /usr/bin/python3} can import {@code module}: {@code saml2}
     * (python3-pysaml2) or {@code onelogin.saml2} (python3-onelogin-saml2).
     */
    public static void requirePythonModule(String module) {
        String debianPackage = switch (module) {
            case "saml2" -> "python3-pysaml2";
            case "onelogin.saml2" -> "python3-onelogin-saml2";
            default -> throw new IllegalArgumentException("unknown Python module " + module);
        };
        requirePythonModule(module, debianPackage);
    }

    static void requirePythonModule(String module, String debianPackage) {
        Path python = PYTHON3.require();
        Processes.Result result = Processes.command(python.toString(), "-c", "import " + module)
                .timeout(Duration.ofSeconds(60)).run();
        if (result.exitCode() != 0) {
            throw new AssertionError("the Python module " + module + " is required but " + python + " cannot import it"
                    + " (" + result.stderr().strip().lines().reduce((a, b) -> b).orElse("") + "): install the Debian"
                    + " package " + debianPackage + " (apt-get install -y --no-install-recommends " + debianPackage
                    + "; .ci/run does)");
        }
    }

    /** The tool called {@code name}. */
    public static RequiredTool of(String name) {
        return Arrays.stream(values()).filter(t -> t.name.equals(name) || t.path.toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown tool " + name + "; known: "
                        + List.of(values()).stream().map(t -> t.name).toList()));
    }
}
