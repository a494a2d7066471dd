package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A card number: 13 to 19 digits, a card-scheme prefix and a valid Luhn check digit. */
class CardNumbersTests {

    @ParameterizedTest
    @ValueSource(strings = {
            "4111111111111111",     // Visa, 16 digits
            "4222222222222",        // Visa, 13 digits (the shortest)
            "4000000000000000006",  // 19 digits (the longest)
            "5555555555554444",     // Mastercard
            "2223003122003222",     // Mastercard 2-series
            "378282246310005",      // American Express 37
            "340000000000009",      // American Express 34
            "36227206271667",       // Diners 36
            "38520000023237",       // Diners 38
            "30569309025904",       // Diners 30
            "3530111333300000",     // JCB 35
            "6011111111111117"})    // Discover 6
    void recognisesLuhnValidNumbersWithASchemePrefix(String digits) {
        assertThat(CardNumbers.looksLikeCardNumber(digits)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "4111111111111112",      // Luhn check digit wrong
            "411111111113",          // 12 digits, Luhn-valid
            "40000000000000000002",  // 20 digits, Luhn-valid
            "1000000000000008",      // prefix 1, Luhn-valid
            "8000000000000003",      // prefix 8, Luhn-valid
            "9000000000000001",      // prefix 9, Luhn-valid
            "7000000000000005",      // prefix 7, Luhn-valid
            "3100000000000003",      // prefix 31, Luhn-valid
            "3900000000000005",      // prefix 39, Luhn-valid
            "PSP4111111111111111",   // a reference that merely contains one
            "4111111111111111 ",
            ""})
    void refusesEverythingElse(String text) {
        assertThat(CardNumbers.looksLikeCardNumber(text)).isFalse();
    }

    @Test
    void nullIsNotACardNumber() {
        assertThat(CardNumbers.looksLikeCardNumber(null)).isFalse();
        assertThat(CardNumbers.mask(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4111111111111111 | ************1111",
            "4222222222222 | *********2222",
            "4000000000000000006 | ***************0006"})
    void masksACardNumberToItsLastFourDigits(String card, String masked) {
        assertThat(CardNumbers.mask(card)).isEqualTo(masked);
    }

    @Test
    void masksEveryCardNumberEmbeddedInACsvLine() {
        // given a raw record with a card number as a field and another in free text
        String raw = "D-1,O-1,2026-11-20T10:00:00Z,"
                + "\"charged twice on 5555555555554444, see ref4111111111111111\",12.30";
        // when
        String masked = CardNumbers.mask(raw);
        // then
        assertThat(masked).isEqualTo(
                "D-1,O-1,2026-11-20T10:00:00Z,\"charged twice on ************4444, see ref************1111\",12.30");
    }

    @Test
    void leavesDigitRunsThatAreNotCardNumbersAlone() {
        // given an order id, a Luhn-invalid run, a run with a non-scheme prefix, a 20-digit run and amounts
        String raw = "O-20261120,4111111111111112,1000000000000008,40000000000000000002,12.30,1500,"
                + "2026-11-20T10:00:00Z";
        // when / then
        assertThat(CardNumbers.mask(raw)).isEqualTo(raw);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "3782 822463 10005"})
    void recognisesCardNumbersWrittenInGroups(String written) {
        assertThat(CardNumbers.looksLikeCardNumber(written)).isTrue();
    }

    @Test
    void masksCardNumbersWrittenInGroupsKeepingTheSeparators() {
        assertThat(CardNumbers.mask("refund to card 4111 1111 1111 1111, or 4111-1111-1111-1111 please"))
                .isEqualTo("refund to card **** **** **** 1111, or ****-****-****-1111 please");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"20261110-000001", "4111-11111111-1111", "4111 1111-1111 1111"})
    void takesOtherGroupingsForWhatTheyAre(String written) {
        assertThat(CardNumbers.looksLikeCardNumber(written)).isFalse();
    }
}
