package dev.stsbridge.idp.web.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What every page template must keep to: escaped values, and plain ASCII markup. */
class TemplatesTest {

    private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\{\\s*([^}\\s]+)\\s*}}}|\\{\\{&\\s*([^}\\s]+)\\s*}}");

    private static String source(String name) throws IOException {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(Templates.ROOT + name + ".mustache")) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> templates() {
        List<String> all = new ArrayList<>(Templates.PAGES);
        all.add("layout");
        return all;
    }

    @Test
    void theOnlyUnescapedValueIsThePostPagesBase64SamlResponse() throws IOException {
        List<String> unescaped = new ArrayList<>();
        for (String name : templates()) {
            Matcher m = UNESCAPED.matcher(source(name));
            while (m.find()) {
                unescaped.add(name + ":" + (m.group(1) != null ? m.group(1) : m.group(2)));
            }
        }
        assertThat(unescaped).containsExactly("post:samlResponse");
    }

    @Test
    void templatesAreAsciiSoThePageIsEncodedOnTheFastPath() throws IOException {
        for (String name : templates()) {
            String text = source(name);
            for (int i = 0; i < text.length(); i++) {
                assertThat((int) text.charAt(i)).as("%s.mustache character %d ('%s'): use an HTML entity", name, i,
                        text.charAt(i)).isLessThan(0x80);
            }
        }
    }

    @Test
    void aValueWithMarkupIsEscapedInTheRenderedPage() {
        String page = Templates.load().render("error", Map.of("title", "<script>x</script>",
                "message", "\"><img src=x onerror=alert(1)>"));

        assertThat(page).doesNotContain("<script>x</script>").doesNotContain("<img src=x")
                .contains("&lt;script&gt;x&lt;/script&gt;");
    }
}
