package dev.stsbridge.idp.assertion;

import static dev.stsbridge.idp.assertion.Fixtures.IDP;
import static dev.stsbridge.idp.assertion.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.NameId;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;

/**
 * The structure of the response, read back from the signed XML with the hardened parser and XPath; each test runs on
 * the lean writer and on the OpenSAML reference path.
 */
class AssertionFactoryTest {

    private static final SigningKey KEY = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final String A = "/samlp:Response/saml:Assertion";
    private static final String ATTRIBUTE = A + "/saml:AttributeStatement/saml:Attribute";
    private static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    private static final String ID = "_[0-9a-f]{32}";

    static Stream<Arguments> renderers() {
        BiFunction<SigningKey, AwsResponse, SignedResponse> lean = (k, r) -> new ResponseSigner(k).sign(r);
        BiFunction<SigningKey, AwsResponse, SignedResponse> reference =
                (k, r) -> new OpenSamlResponseSigner(k, SigningMode.ASSERTION).sign(r);
        return Stream.of(Arguments.of("lean", lean), Arguments.of("OpenSAML", reference));
    }

    private static Xml render(BiFunction<SigningKey, AwsResponse, SignedResponse> renderer, AwsResponse response) {
        return Xml.parse(renderer.apply(KEY, response).xml());
    }

    private static String attribute(String name) {
        return ATTRIBUTE + "[@Name='" + name + "']";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildGivesResponseEnvelopeWithSuccessAndOneAssertion(String name,
                                                              BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        AwsResponse response = Fixtures.aliceResponse();
        Xml xml = render(r, response);
        assertThat(xml.string("/samlp:Response/@ID")).isEqualTo(response.responseId()).matches(ID);
        assertThat(xml.string("/samlp:Response/@IssueInstant")).isEqualTo("2026-11-25T12:00:00.123Z");
        assertThat(xml.string("/samlp:Response/@Version")).isEqualTo("2.0");
        assertThat(xml.string("/samlp:Response/@Destination")).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(xml.exists("/samlp:Response/@InResponseTo")).isFalse();
        assertThat(xml.string("/samlp:Response/saml:Issuer")).isEqualTo(IDP);
        assertThat(xml.string("/samlp:Response/samlp:Status/samlp:StatusCode/@Value"))
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(xml.childNames("/samlp:Response")).containsExactly("Issuer", "Status", "Assertion");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildGivesAssertionInSchemaOrderWithItsOwnIdAndIssuer(String name,
                                                               BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        AwsResponse response = Fixtures.aliceResponse();
        Xml xml = render(r, response);
        assertThat(xml.string(A + "/@ID")).isEqualTo(response.assertionId()).matches(ID)
                .isNotEqualTo(response.responseId());
        assertThat(xml.string(A + "/@IssueInstant")).isEqualTo("2026-11-25T12:00:00.123Z");
        assertThat(xml.string(A + "/@Version")).isEqualTo("2.0");
        assertThat(xml.string(A + "/saml:Issuer")).isEqualTo(IDP);
        assertThat(xml.childNames(A)).containsExactly("Issuer", "Signature", "Subject", "Conditions",
                "AuthnStatement", "AttributeStatement");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildGivesSubjectWithNameIdAndExactlyOneBearerConfirmation(String name,
                                                                   BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        Xml xml = render(r, Fixtures.aliceResponse());
        assertThat(xml.string(A + "/saml:Subject/saml:NameID")).isEqualTo("f3a9c0de-alice-opaque");
        assertThat(xml.string(A + "/saml:Subject/saml:NameID/@Format")).isEqualTo(NameId.PERSISTENT);
        assertThat(xml.count(A + "/saml:Subject/saml:SubjectConfirmation")).isEqualTo(1);
        String confirmation = A + "/saml:Subject/saml:SubjectConfirmation";
        assertThat(xml.string(confirmation + "/@Method")).isEqualTo("urn:oasis:names:tc:SAML:2.0:cm:bearer");
        Element data = xml.element(confirmation + "/saml:SubjectConfirmationData");
        assertThat(data.getAttribute("Recipient")).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(data.getAttribute("NotOnOrAfter")).isEqualTo("2026-11-25T12:05:00.123Z");
        assertThat(data.getAttributes().getLength()).as("only Recipient and NotOnOrAfter").isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildGivesConditionsFromNowForFiveMinutesForAws(String name,
                                                         BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        Xml xml = render(r, Fixtures.aliceResponse());
        assertThat(xml.string(A + "/saml:Conditions/@NotBefore")).isEqualTo("2026-11-25T12:00:00.123Z");
        assertThat(xml.string(A + "/saml:Conditions/@NotOnOrAfter")).isEqualTo("2026-11-25T12:05:00.123Z");
        assertThat(xml.strings(A + "/saml:Conditions/saml:AudienceRestriction/saml:Audience"))
                .containsExactly("urn:amazon:webservices");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildGivesAuthnStatementFromTheRequest(String name, BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        Xml xml = render(r, Fixtures.aliceResponse());
        String statement = A + "/saml:AuthnStatement";
        assertThat(xml.count(statement)).isEqualTo(1);
        assertThat(xml.string(statement + "/@AuthnInstant")).isEqualTo("2026-11-25T11:59:30.123Z");
        assertThat(xml.string(statement + "/@SessionIndex")).isEqualTo("_session-1");
        assertThat(xml.string(statement + "/@SessionNotOnOrAfter")).isEqualTo("2026-11-25T20:00:00.123Z");
        assertThat(xml.string(statement + "/saml:AuthnContext/saml:AuthnContextClassRef"))
                .isEqualTo(AssertionRequest.PASSWORD_PROTECTED_TRANSPORT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildGivesAwsAttributesInOrderWithOneValueEachAndTwoRoleValues(
            String name, BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        Xml xml = render(r, Fixtures.aliceResponse());
        assertThat(xml.strings(ATTRIBUTE + "/@Name")).containsExactly(ROLE,
                "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
                "https://aws.amazon.com/SAML/Attributes/SessionDuration",
                "https://aws.amazon.com/SAML/Attributes/SourceIdentity",
                "https://aws.amazon.com/SAML/Attributes/PrincipalTag:department",
                "https://aws.amazon.com/SAML/Attributes/PrincipalTag:team",
                "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys");
        assertThat(xml.strings(ATTRIBUTE + "/@NameFormat")).hasSize(7)
                .containsOnly("urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
        assertThat(xml.strings(attribute(ROLE) + "/saml:AttributeValue")).containsExactly(
                "arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge",
                "arn:aws:iam::444455556666:role/Developer,arn:aws:iam::444455556666:saml-provider/stsbridge");
        assertThat(xml.strings(attribute(AwsAttributes.ROLE_SESSION_NAME) + "/saml:AttributeValue"))
                .containsExactly("alice@example.com");
        assertThat(xml.strings(attribute(AwsAttributes.SESSION_DURATION) + "/saml:AttributeValue"))
                .containsExactly("7200");
        assertThat(xml.strings(attribute(AwsAttributes.SOURCE_IDENTITY) + "/saml:AttributeValue"))
                .containsExactly("alice");
        assertThat(xml.strings(attribute(AwsAttributes.PRINCIPAL_TAG + "department") + "/saml:AttributeValue"))
                .containsExactly("engineering");
        assertThat(xml.strings(attribute(AwsAttributes.PRINCIPAL_TAG + "team") + "/saml:AttributeValue"))
                .containsExactly("platform");
        assertThat(xml.strings(attribute(AwsAttributes.TRANSITIVE_TAG_KEYS) + "/saml:AttributeValue"))
                .containsExactly("department", "team");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildTypesEveryAttributeValueAsXsString(String name, BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        Xml xml = render(r, Fixtures.aliceResponse());
        List<Element> values = xml.elements(ATTRIBUTE + "/saml:AttributeValue");
        assertThat(values).hasSize(9);
        for (Element value : values) {
            String type = value.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type");
            String prefix = type.substring(0, type.indexOf(':'));
            assertThat(value.lookupNamespaceURI(prefix)).isEqualTo("http://www.w3.org/2001/XMLSchema");
            assertThat(type.substring(prefix.length() + 1)).isEqualTo("string");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildWhenAnsweringARequestThenInResponseToOnResponseAndConfirmation(
            String name, BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        AwsResponse response = new AssertionFactory(Fixtures.CLOCK).build(Fixtures.alice(), Fixtures.aliceNameId(),
                Fixtures.request().inResponseTo("_request-42").build());
        Xml xml = render(r, response);
        assertThat(xml.string("/samlp:Response/@InResponseTo")).isEqualTo("_request-42");
        assertThat(xml.string(A + "/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData/@InResponseTo"))
                .isEqualTo("_request-42");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildWhenOptionalClaimsAbsentThenOnlyRoleAndRoleSessionName(
            String name, BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        AwsClaims bob = new AwsClaims("bob", List.of(Fixtures.DEV_DEVELOPER), "bob", Optional.empty(),
                Optional.empty(), List.of(), List.of());
        Xml xml = render(r, new AssertionFactory(Fixtures.CLOCK).build(bob, Fixtures.aliceNameId(),
                Fixtures.request().build()));
        assertThat(xml.strings(ATTRIBUTE + "/@Name"))
                .containsExactly(ROLE, "https://aws.amazon.com/SAML/Attributes/RoleSessionName");
        assertThat(xml.strings(attribute(ROLE) + "/saml:AttributeValue")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildUsesConfiguredValidityAudienceDestinationAndPasswordContext(
            String name, BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        AssertionRequest request = Fixtures.request()
                .validity(Duration.ofMinutes(2))
                .audience("https://signin.aws.amazon.com/saml")
                .authnContextClassRef(AssertionRequest.PASSWORD)
                .build();
        AssertionRequest regional = new AssertionRequest(request.issuer(),
                AwsSignInUrl.of("https://eu-central-1.signin.aws.amazon.com/saml/acs/SAMLSP4EXAMPLE"),
                request.audience(), request.inResponseTo(), request.authnInstant(), request.authnContextClassRef(),
                request.sessionIndex(), request.validity(), request.sessionNotOnOrAfter());
        Xml xml = render(r, new AssertionFactory(Fixtures.CLOCK).build(Fixtures.alice(), Fixtures.aliceNameId(), regional));
        String acs = "https://eu-central-1.signin.aws.amazon.com/saml/acs/SAMLSP4EXAMPLE";
        assertThat(xml.string("/samlp:Response/@Destination")).isEqualTo(acs);
        assertThat(xml.string(A + "/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData/@Recipient"))
                .isEqualTo(acs);
        assertThat(xml.string(A + "/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData/@NotOnOrAfter"))
                .isEqualTo("2026-11-25T12:02:00.123Z");
        assertThat(xml.string(A + "/saml:Conditions/@NotOnOrAfter")).isEqualTo("2026-11-25T12:02:00.123Z");
        assertThat(xml.string(A + "/saml:Conditions/saml:AudienceRestriction/saml:Audience"))
                .isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(xml.string(A + "/saml:AuthnStatement/saml:AuthnContext/saml:AuthnContextClassRef"))
                .isEqualTo(AssertionRequest.PASSWORD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void buildKeepsMarkupCharactersAndUnicodeInValuesExactly(String name,
                                                            BiFunction<SigningKey, AwsResponse, SignedResponse> r) {
        String tricky = "a&b<c>d\"e'f\tg\nh\r i é 𝄞 ]]>";
        AwsClaims claims = new AwsClaims("alice", List.of(Fixtures.PROD_ADMIN), "alice", Optional.empty(),
                Optional.empty(), List.of(new SessionTag("note", tricky)), List.of());
        NameId nameId = new NameId("<alice & \"co\">", NameId.EMAIL);
        Xml xml = render(r, new AssertionFactory(Fixtures.CLOCK).build(claims, nameId, Fixtures.request().build()));
        assertThat(xml.strings(attribute(AwsAttributes.PRINCIPAL_TAG + "note") + "/saml:AttributeValue"))
                .containsExactly(tricky);
        assertThat(xml.string(A + "/saml:Subject/saml:NameID")).isEqualTo("<alice & \"co\">");
    }

    @Test
    void signKeepsLeadingAndTrailingWhitespaceThatOpenSamlWouldTrim() {
        AwsClaims claims = new AwsClaims("alice", List.of(Fixtures.PROD_ADMIN), "alice", Optional.empty(),
                Optional.empty(), List.of(new SessionTag("padded", " x\r\n")), List.of());
        Xml xml = Xml.parse(new ResponseSigner(KEY).sign(new AssertionFactory(Fixtures.CLOCK).build(claims,
                Fixtures.aliceNameId(), Fixtures.request().build())).xml());
        assertThat(xml.strings(attribute(AwsAttributes.PRINCIPAL_TAG + "padded") + "/saml:AttributeValue"))
                .containsExactly(" x\r\n");
    }

    @Test
    void buildGivesFreshIdsEveryTime() {
        AssertionFactory factory = new AssertionFactory(Fixtures.CLOCK);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            AwsResponse response = factory.build(Fixtures.alice(), Fixtures.aliceNameId(), Fixtures.request().build());
            ids.add(response.responseId());
            ids.add(response.assertionId());
        }
        assertThat(ids).hasSize(100).allMatch(id -> id.matches(ID));
    }

    @Test
    void buildTakesTimeFromTheClockInWholeMilliseconds() {
        AwsResponse response = new AssertionFactory(java.time.Clock.fixed(NOW.plusNanos(456_789),
                java.time.ZoneOffset.UTC)).build(Fixtures.alice(), Fixtures.aliceNameId(), Fixtures.request().build());
        assertThat(response.issueInstant()).isEqualTo(NOW);
        assertThat(response.notOnOrAfter()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void buildWhenNoRoleThenRefusedNamingTheUser() {
        AwsClaims carol = new AwsClaims("carol", List.of(), "carol", Optional.empty(), Optional.empty(), List.of(),
                List.of());
        assertThatThrownBy(() -> new AssertionFactory(Fixtures.CLOCK).build(carol, Fixtures.aliceNameId(),
                Fixtures.request().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("carol has no AWS role: nothing to assert");
    }

    @Test
    void buildWhenSessionAlreadyEndedThenRefused() {
        AssertionRequest request = Fixtures.request().authnInstant(NOW.minusSeconds(3600))
                .sessionNotOnOrAfter(NOW).build();
        assertThatThrownBy(() -> new AssertionFactory(Fixtures.CLOCK).build(Fixtures.alice(), Fixtures.aliceNameId(),
                request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the session of alice ended at 2026-11-25T12:00:00.123Z: nothing to assert");
    }

    @Test
    void signWhenValueHoldsControlCharacterThenRefusedNamingTheAttribute() {
        AwsClaims claims = new AwsClaims("alice", List.of(Fixtures.PROD_ADMIN), "alice", Optional.empty(),
                Optional.empty(), List.of(new SessionTag("bell", "ding\u0007")), List.of());
        AwsResponse response = new AssertionFactory(Fixtures.CLOCK).build(claims, Fixtures.aliceNameId(),
                Fixtures.request().build());
        assertThatThrownBy(() -> new ResponseSigner(KEY).sign(response))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("https://aws.amazon.com/SAML/Attributes/PrincipalTag:bell contains a character XML "
                        + "cannot carry (U+0007 at index 4)");
    }

    @Test
    void toOpenSamlGivesTheSameValuesAsTheObjectModel() {
        AwsResponse response = Fixtures.aliceResponse();
        var saml = response.toOpenSaml();
        assertThat(saml.getID()).isEqualTo(response.responseId());
        assertThat(saml.getDestination()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(saml.getAssertions()).hasSize(1);
        var assertion = saml.getAssertions().get(0);
        assertThat(assertion.getID()).isEqualTo(response.assertionId());
        assertThat(assertion.getConditions().getNotOnOrAfter()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(assertion.getAttributeStatements().get(0).getAttributes().get(0).getAttributeValues()).hasSize(2);
    }
}
