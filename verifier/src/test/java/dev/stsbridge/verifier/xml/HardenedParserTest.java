package dev.stsbridge.verifier.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HardenedParserTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parseWhenInternalEntityThenRefused() {
        assertThatThrownBy(() -> HardenedParser.parse(utf8("<!DOCTYPE x [<!ENTITY e 'x'>]><x>&e;</x>")))
                .isInstanceOf(UnsafeXmlException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void parseWhenExternalEntityThenRefused() {
        assertThatThrownBy(() -> HardenedParser.parse(utf8(
                "<!DOCTYPE x [<!ENTITY e SYSTEM 'http://127.0.0.1:9/x'>]><x>&e;</x>")))
                .isInstanceOf(UnsafeXmlException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void parseWhenParameterEntityThenRefused() {
        assertThatThrownBy(() -> HardenedParser.parse(utf8(
                "<!DOCTYPE x [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]><x/>")))
                .isInstanceOf(UnsafeXmlException.class);
    }

    @Test
    void parseKeepsCommentsSoThatTheyCanBeSeen() {
        var document = HardenedParser.parse(utf8("<x>a<!--c-->b</x>"));
        assertThat(document.getDocumentElement().getChildNodes().getLength()).isEqualTo(3);
    }

    @Test
    void parseWhenNotWellFormedThenRefused() {
        assertThatThrownBy(() -> HardenedParser.parse(utf8("<x>"))).isInstanceOf(UnsafeXmlException.class);
    }
}
