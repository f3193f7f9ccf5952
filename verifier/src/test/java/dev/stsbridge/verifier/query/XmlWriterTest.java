package dev.stsbridge.verifier.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void elementEscapesMarkupQuotesAndCarriageReturns() {
        String xml = new XmlWriter().start("R", "urn:x").element("V", "<a href=\"x\">&'\r\n</a>").end().toXml();

        assertThat(xml).isEqualTo("<R xmlns=\"urn:x\"><V>&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#13;\n&lt;/a&gt;</V></R>");
    }

    @Test
    void elementReplacesCharactersXmlCannotCarry() {
        String xml = new XmlWriter().element("V", "a\u0000b\uD800c\uFFFF").toXml();

        assertThat(xml).isEqualTo("<V>a\uFFFDb\uFFFDc\uFFFD</V>");
    }

    @Test
    void elementKeepsSupplementaryCharacters() {
        assertThat(new XmlWriter().element("V", "\uD83D\uDE00").toXml()).isEqualTo("<V>\uD83D\uDE00</V>");
    }

    @Test
    void timestampsAreWholeSecondsUtc() {
        assertThat(new XmlWriter().element("T", Instant.parse("2025-02-20T10:00:00.123Z")).toXml())
                .isEqualTo("<T>2025-02-20T10:00:00Z</T>");
    }

    @Test
    void toXmlWhenAnElementIsOpenThenRefused() {
        assertThatThrownBy(() -> new XmlWriter().start("A").toXml()).isInstanceOf(IllegalStateException.class);
    }
}
