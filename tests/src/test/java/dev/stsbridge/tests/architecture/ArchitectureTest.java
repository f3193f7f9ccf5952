package dev.stsbridge.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Guards the architecture that the design relies on:
 * the verifier is an independent second implementation (it shares no code with the IdP side), and XML
 * parsers are created in exactly one place per side.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stsbridge");

    /** Only these may create parsers; everything else goes through them. */
    private static final String IDP_PARSER = "dev.stsbridge.xml.SecureXml";
    private static final String VERIFIER_PARSER = "dev.stsbridge.verifier.xml.HardenedParser";

    @Test
    void classesAreImportedFromEveryModule() {
        assertThat(PRODUCTION.containPackage("dev.stsbridge.verifier")).isTrue();
        assertThat(PRODUCTION.containPackage("dev.stsbridge.keys")).isTrue();
        assertThat(PRODUCTION.containPackage("dev.stsbridge.xml")).isTrue();
    }

    @Test
    void verifierDependsOnNoIdpSideCode() {
        noClasses().that().resideInAPackage("dev.stsbridge.verifier..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.stsbridge.idp..", "dev.stsbridge.keys..", "dev.stsbridge.metadata..",
                        "dev.stsbridge.xml..", "dev.stsbridge.app..")
                .because("the verifier is an independent second implementation of AWS's checks")
                .check(PRODUCTION);
    }

    @Test
    void idpSideDependsOnNoVerifierCode() {
        noClasses().that().resideInAnyPackage("dev.stsbridge.idp..", "dev.stsbridge.keys..",
                        "dev.stsbridge.metadata..", "dev.stsbridge.xml..")
                .should().dependOnClassesThat().resideInAPackage("dev.stsbridge.verifier..")
                .because("the IdP must not lean on the model of AWS it is tested against")
                .check(PRODUCTION);
    }

    @Test
    void verifierPomDeclaresNoModuleOfOurs() throws Exception {
        String pom = Files.readString(repositoryRoot().resolve("verifier/pom.xml"));
        Matcher dependency = Pattern.compile("<groupId>dev\\.stsbridge</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(pom.substring(pom.indexOf("</parent>")));
        List<String> ours = dependency.results().map(m -> m.group(1)).toList();
        assertThat(ours).as("stsbridge modules the verifier depends on").isEmpty();
    }

    @Test
    void xmlParsersAreCreatedOnlyByTheHardenedParsers() {
        parserRule().check(PRODUCTION);
    }

    @Test
    void parserRuleCatchesAnUnhardenedParser() {
        JavaClasses offender = new ClassFileImporter().importClasses(UnhardenedParserFixture.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parserRule().check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UnhardenedParserFixture");
    }

    /** A class that does what the rule forbids, to prove the rule bites. */
    static final class UnhardenedParserFixture {
        Object parser() throws Exception {
            return javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder();
        }
    }

    private static com.tngtech.archunit.lang.ArchRule parserRule() {
        return noClasses().that().doNotHaveFullyQualifiedName(IDP_PARSER)
                .and().doNotHaveFullyQualifiedName(VERIFIER_PARSER)
                .should().callMethod(javax.xml.parsers.DocumentBuilderFactory.class, "newInstance")
                .orShould().callMethod(javax.xml.parsers.DocumentBuilderFactory.class, "newDefaultInstance")
                .orShould().callMethod(javax.xml.parsers.SAXParserFactory.class, "newInstance")
                .orShould().callMethod(javax.xml.parsers.SAXParserFactory.class, "newDefaultInstance")
                .orShould().callMethod(javax.xml.stream.XMLInputFactory.class, "newInstance")
                .orShould().callMethod(javax.xml.stream.XMLInputFactory.class, "newFactory")
                .because("every parser must be hardened (no DTD, no external entities): use SecureXml or HardenedParser");
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("verifier/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
