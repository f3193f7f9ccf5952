package dev.stsbridge.idp.web.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The SAMLResponse goes into the page unescaped, so only base64 text is admitted. */
class PostFormPageTest {

    @Test
    void base64TextIsAdmittedAsItIs() {
        assertThat(PostFormPage.requireBase64("PHNhbWxwOlJlc3BvbnNlLz4+/w==")).isEqualTo("PHNhbWxwOlJlc3BvbnNlLz4+/w==");
    }

    @Test
    void anythingThatCouldLeaveTheAttributeIsRefused() {
        for (String hostile : new String[] {"abc\"><script>x</script>", "a b", "a&b", "a<b", "a'b", "a\nb", "ab\u00e9", "ab\u20ac"}) {
            assertThatThrownBy(() -> PostFormPage.requireBase64(hostile))
                    .as(hostile).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        }
    }
}
