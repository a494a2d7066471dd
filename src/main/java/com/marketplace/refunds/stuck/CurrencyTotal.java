package com.marketplace.refunds.stuck;

import java.math.BigInteger;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;

/** How many stuck refunds are in one currency, and their sum in minor units: exact, however many there are. */
public record CurrencyTotal(String currency, long refunds, BigInteger amountMinor) {

    /** The sum as the reports write amounts: {@code 12.30}, {@code 1500}. */
    public String amount() {
        return Money.format(amountMinor, Currencies.exponent(currency));
    }
}
