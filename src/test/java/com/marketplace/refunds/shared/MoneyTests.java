package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact money in minor units: plain decimals in, plain decimals out, never rounded. */
class MoneyTests {

    static final Currency USD = Currency.getInstance("USD");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency BHD = Currency.getInstance("BHD");

    @ParameterizedTest(name = "{0} {1} is {2} minor units")
    @CsvSource({
            "12.30,  USD, 1230",
            "12.3,   USD, 1230",
            "12,     USD, 1200",
            "0.05,   USD, 5",
            "0,      USD, 0",
            "0012.30, USD, 1230",
            "1500,   JPY, 1500",
            "11.125, BHD, 11125",
            "11.1,   BHD, 11100",
            "999999999999999.99, USD, 99999999999999999"})
    void parsesPlainDecimalsIntoMinorUnits(String text, String currency, long minor) {
        // when
        Money money = Money.parse(text, Currency.getInstance(currency));
        // then
        assertThat(money).isEqualTo(new Money(minor, Currency.getInstance(currency)));
    }

    @ParameterizedTest(name = "''{0}'' is not a {1} amount")
    @CsvSource({
            "1500.0, JPY",
            "1500.,  JPY",
            "12.345, USD",
            "12.300, USD",
            "11.1250, BHD",
            "+1,     USD",
            ".5,     USD",
            "5.,     USD",
            "1e3,    USD",
            "-2,     USD",
            "'',     USD",
            "' 12',  USD",
            "'12 ',  USD",
            "'1,000', USD",
            "12.3.4, USD",
            "١٢,     USD",
            "0x10,   USD",
            "1234567890123456, USD"})
    void refusesTextThatIsNotAPlainDecimalOfItsCurrency(String text, String currency) {
        Currency c = Currency.getInstance(currency);
        assertThatThrownBy(() -> Money.parse(text, c)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheLargestAmountALongHolds() {
        // given a currency with four decimals, where 15 integer digits can exceed a long
        Currency clf = Currency.getInstance("CLF");
        // when
        Money money = Money.parse("922337203685477.5807", clf);
        // then
        assertThat(money.minor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesAnAmountBeyondALongRatherThanWrappingIt() {
        // given the largest text the parser takes, in a currency with four decimals
        Currency clf = Currency.getInstance("CLF");
        // when / then: one minor unit more than Long.MAX_VALUE, and 10^19 - 1 minor units
        assertThatThrownBy(() -> Money.parse("922337203685477.5808", clf)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("999999999999999.9999", clf)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} minor {1} is {2}")
    @CsvSource({
            "1230,  USD, 12.30",
            "1200,  USD, 12.00",
            "5,     USD, 0.05",
            "0,     USD, 0.00",
            "1500,  JPY, 1500",
            "11125, BHD, 11.125",
            "11100, BHD, 11.100"})
    void formatsBackAsAPlainDecimalWithTheCurrencysExponent(long minor, String currency, String text) {
        // when
        String formatted = Money.ofMinor(minor, currency).toPlainString();
        // then
        assertThat(formatted).isEqualTo(text);
        assertThat(Money.parse(formatted, Currency.getInstance(currency)).minor()).isEqualTo(minor);
    }

    @Test
    void formatsWithAnExplicitExponent() {
        assertThat(Money.format(1230, 2)).isEqualTo("12.30");
        assertThat(Money.format(1500, 0)).isEqualTo("1500");
        assertThat(Money.format(11125, 3)).isEqualTo("11.125");
        assertThat(Money.format(1_000_000_000_000L, 2)).isEqualTo("10000000000.00");
    }

    @Test
    void addsAndSubtractsInTheSameCurrency() {
        // given
        Money a = Money.ofMinor(1230, "USD");
        Money b = Money.ofMinor(70, "USD");
        // when / then
        assertThat(a.plus(b)).isEqualTo(Money.ofMinor(1300, "USD"));
        assertThat(a.minus(b)).isEqualTo(Money.ofMinor(1160, "USD"));
    }

    @Test
    void refusesToAddOrSubtractDifferentCurrencies() {
        // given the same number of minor units in two currencies
        Money dollars = Money.ofMinor(1500, "USD");
        Money yen = Money.ofMinor(1500, "JPY");
        // when / then
        assertThatThrownBy(() -> dollars.plus(yen)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USD").hasMessageContaining("JPY");
        assertThatThrownBy(() -> dollars.minus(yen)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesASumOrDifferenceBeyondALong() {
        Money max = new Money(Long.MAX_VALUE, USD);
        Money min = new Money(Long.MIN_VALUE, USD);
        Money one = Money.ofMinor(1, "USD");

        assertThatThrownBy(() -> max.plus(one)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> min.minus(one)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesAMoneyWithoutCurrency() {
        assertThatThrownBy(() -> new Money(100, null)).isInstanceOf(NullPointerException.class);
    }
}
