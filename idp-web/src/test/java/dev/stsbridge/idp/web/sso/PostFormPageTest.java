package dev.stsbridge.idp.web.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.assertion.SignedResponse;

/**
 * The POST page writes the SAMLResponse unescaped; what makes that safe is that it takes the value only from a
 * {@link SignedResponse}, which only the IdP's signer can make (its base64 is the JDK encoder's).
 */
class PostFormPageTest {

    @Test
    void aSignedResponseCannotBeMadeOrExtendedOutsideTheSigner() {
        assertThat(Modifier.isFinal(SignedResponse.class.getModifiers())).isTrue();
        assertThat(SignedResponse.class.getConstructors()).as("public constructors").isEmpty();
        assertThat(Arrays.stream(SignedResponse.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
                .map(m -> m.getName())).as("public factories").isEmpty();
    }

    @Test
    void everyWayToThePageTakesTheResponseAsASignedResponse() {
        assertThat(Arrays.stream(PostFormPage.class.getMethods()).filter(m -> m.getName().equals("send")))
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.getParameterTypes()[3]).isEqualTo(SignedResponse.class));
    }
}
