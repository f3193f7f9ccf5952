package dev.stsbridge.verifier.saml.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The hand-written character rules agree with the regular expressions AWS documents, over the BMP and beyond. */
class CharacterRulesTest {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    @Test
    void isNameAgreesWithTheDocumentedPatternForEveryCharacter() {
        IntStream.rangeClosed(0, 0x2FFFF).filter(Character::isValidCodePoint).forEach(c -> {
            String value = "ab" + Character.toString(c);
            assertThat(AwsAttributes.isName(value)).as("U+%04X", c).isEqualTo(NAME.matcher(value).matches());
        });
        assertThat(AwsAttributes.isName("a")).isFalse();
        assertThat(AwsAttributes.isName("a".repeat(65))).isFalse();
        assertThat(AwsAttributes.isName("a".repeat(64))).isTrue();
    }

    @Test
    void isTagTextAgreesWithTheDocumentedPatternForEveryCharacter() {
        IntStream.rangeClosed(0, 0x2FFFF).filter(Character::isValidCodePoint).forEach(c -> {
            String value = "k" + Character.toString(c);
            assertThat(AwsAttributes.isTagText(value)).as("U+%04X", c).isEqualTo(TAG.matcher(value).matches());
        });
        assertThat(AwsAttributes.isTagText("")).isTrue();
    }
}
