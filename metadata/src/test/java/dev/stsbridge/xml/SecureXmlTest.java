package dev.stsbridge.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import net.shibboleth.utilities.java.support.xml.ParserPool;

class SecureXmlTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parseKeepsNamespacesAndComments() {
        Document document = SecureXml.parse(utf8("<a:x xmlns:a='urn:a'><!--c-->t</a:x>"));
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("urn:a");
        assertThat(document.getDocumentElement().getFirstChild().getNodeType()).isEqualTo(org.w3c.dom.Node.COMMENT_NODE);
    }

    @Test
    void parseWhenInternalEntityThenRefused() {
        assertThatThrownBy(() -> SecureXml.parse(utf8("<!DOCTYPE x [<!ENTITY e 'boom'>]><x>&e;</x>")))
                .isInstanceOf(XmlParseException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void parseWhenExternalEntityThenRefusedWithoutFetching() {
        assertThatThrownBy(() -> SecureXml.parse(utf8(
                "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>")))
                .isInstanceOf(XmlParseException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void parseWhenBillionLaughsThenRefused() {
        String lol = "<!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]><x>&lol2;</x>";
        assertThatThrownBy(() -> SecureXml.parse(utf8(lol))).isInstanceOf(XmlParseException.class);
    }

    @Test
    void parseWhenNotWellFormedThenSaysWhere() {
        assertThatThrownBy(() -> SecureXml.parse(utf8("<x><y></x>")))
                .isInstanceOf(XmlParseException.class).hasMessageContaining("line 1");
    }

    @Test
    void parserPoolRefusesDoctypeToo() {
        ParserPool pool = SecureXml.newParserPool();
        assertThatThrownBy(() -> pool.parse(new java.io.ByteArrayInputStream(
                utf8("<!DOCTYPE x [<!ENTITY e 'boom'>]><x>&e;</x>"))))
                .rootCause().hasMessageContaining("DOCTYPE");
    }

    @Test
    void saxSourceRefusesDoctypeToo() {
        javax.xml.transform.sax.SAXSource source = SecureXml.saxSource(utf8("<!DOCTYPE x [<!ENTITY e 'boom'>]><x>&e;</x>"));
        assertThatThrownBy(() -> source.getXMLReader().parse(source.getInputSource()))
                .isInstanceOf(org.xml.sax.SAXParseException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void toBytesWritesTheTreeWithoutIndentation() {
        Document document = SecureXml.parse(utf8("<x><y a='1'/> <z/></x>"));
        assertThat(new String(SecureXml.toBytes(document.getDocumentElement()), StandardCharsets.UTF_8))
                .isEqualTo("<x><y a=\"1\"/> <z/></x>");
    }

    @Test
    void openSamlStartsOnceAndUsesOurParser() {
        OpenSaml.initialize();
        OpenSaml.initialize();
        assertThat(org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport.getParserPool()).isNotNull();
        assertThatThrownBy(() -> org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport.getParserPool()
                .parse(new java.io.ByteArrayInputStream(utf8("<!DOCTYPE x><x/>"))))
                .rootCause().hasMessageContaining("DOCTYPE");
    }
}
