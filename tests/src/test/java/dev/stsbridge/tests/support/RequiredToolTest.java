package dev.stsbridge.tests.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RequiredToolTest {

    @Test
    void aMissingToolFailsNamingTheToolAndTheDebianPackage() {
        assertThatThrownBy(() -> RequiredTool.CHROMEDRIVER.requireAt(Path.of("/nonexistent/chromedriver")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("chromedriver is required but /nonexistent/chromedriver is missing or not executable: "
                        + "install the Debian package chromium-driver (apt-get install -y --no-install-recommends "
                        + "chromium-driver; .ci/run does)");
    }

    @Test
    void aMissingPythonModuleFailsNamingTheModuleAndTheDebianPackage() {
        assertThatThrownBy(() -> RequiredTool.requirePythonModule("stsbridge_absent", "python3-stsbridge-absent"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the Python module stsbridge_absent is required but /usr/bin/python3 cannot import it "
                        + "(ModuleNotFoundError: No module named 'stsbridge_absent'): install the Debian package "
                        + "python3-stsbridge-absent (apt-get install -y --no-install-recommends "
                        + "python3-stsbridge-absent; .ci/run does)");
    }

    @Test
    void anUnknownPythonModuleIsAMistakeInTheTest() {
        assertThatThrownBy(() -> RequiredTool.requirePythonModule("saml3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown Python module saml3");
    }

    @Test
    void toolsAreNamedByNameOrAbsolutePath() {
        assertThat(RequiredTool.of("xmlsec1")).isEqualTo(RequiredTool.XMLSEC1);
        assertThat(RequiredTool.of("/usr/bin/aws")).isEqualTo(RequiredTool.AWS);
        assertThat(RequiredTool.of("/usr/bin/python3").debianPackages()).isEqualTo("python3");
        assertThatThrownBy(() -> RequiredTool.of("aws")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown tool aws");
    }

    @Test
    void everyToolTheEndToEndTestsUseIsInstalledHere() {
        for (String tool : new String[] {"xmlsec1", "slapd", "chromium", "chromedriver", "/usr/bin/aws",
            "/usr/bin/python3"}) {
            assertThat(RequiredTool.require(tool)).isAbsolute().isExecutable();
        }
        RequiredTool.requirePythonModule("saml2");
        RequiredTool.requirePythonModule("onelogin.saml2");
    }
}
