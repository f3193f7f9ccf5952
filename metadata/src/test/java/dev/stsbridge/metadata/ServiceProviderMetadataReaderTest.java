package dev.stsbridge.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.stsbridge.metadata.ServiceProvider.AssertionConsumerService;
import dev.stsbridge.metadata.ServiceProvider.RequestedAttribute;

class ServiceProviderMetadataReaderTest {

    private static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    private final ServiceProviderMetadataReader reader = new ServiceProviderMetadataReader();

    @Test
    void awsSignInIsReadFromTheBundledMetadata() {
        ServiceProvider aws = reader.awsSignIn();

        assertThat(aws.entityId()).isEqualTo("urn:amazon:webservices");
        assertThat(aws.assertionConsumerServices()).containsExactly(
                new AssertionConsumerService(POST, URI.create("https://signin.aws.amazon.com/saml"), 1, Optional.of(true)));
        assertThat(aws.defaultAssertionConsumerService().location()).isEqualTo(URI.create("https://signin.aws.amazon.com/saml"));
        assertThat(aws.wantAssertionsSigned()).isTrue();
        assertThat(aws.authnRequestsSigned()).isFalse();
        assertThat(aws.nameIdFormats()).hasSize(8).startsWith(
                "urn:oasis:names:tc:SAML:2.0:nameid-format:transient", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        assertThat(aws.signingCertificates()).hasSize(1);
        assertThat(aws.signingCertificates().get(0).getSubjectX500Principal().getName())
                .isEqualTo("C=US,ST=Washington,O=Amazon Web Services\\, Inc.,CN=urn:amazon:webservices");
        assertThat(aws.encryptionCertificates()).isEmpty();
        assertThat(aws.requestedAttributes()).hasSize(19).startsWith(
                new RequestedAttribute("https://aws.amazon.com/SAML/Attributes/Role", Optional.of("RoleEntitlement"), true),
                new RequestedAttribute("https://aws.amazon.com/SAML/Attributes/RoleSessionName", Optional.of("RoleSessionName"), true),
                new RequestedAttribute("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", Optional.of("eduPersonAffiliation"), false));
    }

    @Test
    void awsSignInListsNoSingleLogoutService() {
        assertThat(reader.awsSignIn().singleLogoutServices()).isEmpty();
    }

    @Test
    void readKeepsEachSingleLogoutServiceWithItsBindingAndResponseLocation() {
        String sp = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://sp.example\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"https://sp.example/slo\" ResponseLocation=\"https://sp.example/slo/done\"/>"
                + "<md:SingleLogoutService Binding=\"" + POST + "\" Location=\"https://sp.example/slo-post\"/>"
                + "<md:AssertionConsumerService Binding=\"" + POST + "\" Location=\"https://sp.example/acs\" index=\"0\"/>"
                + "</md:SPSSODescriptor></md:EntityDescriptor>";

        List<ServiceProvider.SingleLogoutService> slo = reader.read(TestMetadata.bytes(sp)).singleLogoutServices();

        assertThat(slo).containsExactly(
                new ServiceProvider.SingleLogoutService("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
                        URI.create("https://sp.example/slo"), Optional.of(URI.create("https://sp.example/slo/done"))),
                new ServiceProvider.SingleLogoutService(POST, URI.create("https://sp.example/slo-post"), Optional.empty()));
        assertThat(slo.get(0).responseDestination()).isEqualTo(URI.create("https://sp.example/slo/done"));
        assertThat(slo.get(1).responseDestination()).isEqualTo(URI.create("https://sp.example/slo-post"));
    }

    @Test
    void readWhenTheMetadataDescribesAnIdpThenUnusable() {
        assertThatThrownBy(() -> reader.read(TestMetadata.signed()))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(MetadataException.Kind.UNUSABLE))
                .hasMessage("the entity http://127.0.0.1:8080/saml2/metadata has no SPSSODescriptor for SAML 2.0 "
                        + "(urn:oasis:names:tc:SAML:2.0:protocol)");
    }

    @Test
    void readWhenNotWellFormedThenNotWellFormed() {
        assertThatThrownBy(() -> reader.read(TestMetadata.bytes("<md:EntityDescriptor")))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(MetadataException.Kind.NOT_WELL_FORMED));
    }

    @Test
    void readKeepsEachAcsWithItsIndexAndDefaultFlag() {
        String sp = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://sp.example\">"
                + "<md:SPSSODescriptor AuthnRequestsSigned=\"true\" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService index=\"3\" isDefault=\"false\" Binding=\"" + POST + "\" Location=\"https://sp.example/a\"/>"
                + "<md:AssertionConsumerService index=\"5\" Binding=\"" + POST + "\" Location=\"https://sp.example/b\"/>"
                + "</md:SPSSODescriptor></md:EntityDescriptor>";

        ServiceProvider read = reader.read(TestMetadata.bytes(sp));

        assertThat(read.authnRequestsSigned()).isTrue();
        assertThat(read.wantAssertionsSigned()).isFalse();
        assertThat(read.assertionConsumerServices()).containsExactly(
                new AssertionConsumerService(POST, URI.create("https://sp.example/a"), 3, Optional.of(false)),
                new AssertionConsumerService(POST, URI.create("https://sp.example/b"), 5, Optional.empty()));
        // SAML metadata §2.2.3: no isDefault="true", so the first without the attribute
        assertThat(read.defaultAssertionConsumerService().index()).isEqualTo(5);
        assertThat(read.assertionConsumerService(3)).isPresent();
        assertThat(read.assertionConsumerService(4)).isEmpty();
    }

    @Test
    void defaultAcsIsTheOneMarkedDefaultElseTheFirst() {
        AssertionConsumerService a = new AssertionConsumerService(POST, URI.create("https://a"), 0, Optional.of(false));
        AssertionConsumerService b = new AssertionConsumerService(POST, URI.create("https://b"), 1, Optional.of(true));
        assertThat(sp(List.of(a, b)).defaultAssertionConsumerService()).isEqualTo(b);
        assertThat(sp(List.of(a)).defaultAssertionConsumerService()).isEqualTo(a);
    }

    private static ServiceProvider sp(List<AssertionConsumerService> services) {
        return new ServiceProvider("urn:sp", services, List.of(), List.of(), true, false, List.of(), List.of());
    }
}
