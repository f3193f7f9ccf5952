package dev.stsbridge.verifier.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;

class DetailedRefusalTest {

    @Test
    void detailFromTheRequestCannotSplitAHeaderOrALogLine() {
        DetailedRefusal refusal = new DetailedRefusal(AwsError.sender("InvalidInput", "Could not parse metadata", 400),
                "validUntil 'x\r\nSet-Cookie: a=b\u00e9' is not an xs:dateTime");

        assertThat(refusal.detail()).isEqualTo("validUntil 'x??Set-Cookie: a=b?' is not an xs:dateTime");
    }

    @Test
    void detailIsCut() {
        DetailedRefusal refusal = new DetailedRefusal(AwsError.sender("InvalidInput", "x", 400), "y".repeat(1000));

        assertThat(refusal.detail()).hasSize(DetailedRefusal.MAX_DETAIL);
    }
}
