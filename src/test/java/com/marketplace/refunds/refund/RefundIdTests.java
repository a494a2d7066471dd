package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** refund_id = RF- and the first 20 hex digits, upper case, of SHA-256(refund key as UTF-8). */
class RefundIdTests {

    @Test
    void derivesTheContractsExampleId() {
        assertThat(RefundId.of("CANCEL:C1")).isEqualTo("RF-DAEC60D4351286C303F7");
    }

    /** Expected values computed outside Java: {@code printf %s KEY | sha256sum | cut -c1-20}. */
    @ParameterizedTest
    @CsvSource({
            "AUTOCANCEL:O-1,  RF-95A0B395867829800381",
            "FRAUD:S-9:O-1,   RF-4E07E30F3F1F536F5286",
            "RETURN:R-77,     RF-279F7C81377A2D9EF37B",
            "DISPUTE:D-5,     RF-F26F12A8B7935C8C92CF",
            "CANCEL:c1,       RF-9FF0A32CE52ADAFB3560"})
    void derivesTheIdFromTheSha256OfTheKey(String refundKey, String refundId) {
        assertThat(RefundId.of(refundKey)).isEqualTo(refundId);
    }

    @Test
    void givesTheSameIdForTheSameKeyEveryTime() {
        // given a key built twice, from different string instances
        String key = new StringBuilder("DISPUTE:").append("D-5").toString();
        // when
        String first = RefundId.of(key);
        String second = RefundId.of("DISPUTE:D-5");
        // then
        assertThat(first).isEqualTo(second);
    }

    @Test
    void givesDifferentIdsForKeysThatDifferOnlyInCase() {
        assertThat(RefundId.of("CANCEL:c1")).isNotEqualTo(RefundId.of("CANCEL:C1"));
    }

    @ParameterizedTest
    @CsvSource({"CANCEL:C1", "FRAUD:STORE.1:ORDER_2", "RETURN:R-1", "''"})
    void isRfDashAndTwentyUpperCaseHexDigits(String refundKey) {
        assertThat(RefundId.of(refundKey)).hasSize(23).matches("RF-[0-9A-F]{20}");
    }
}
