package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The identifier check answers as the contract's pattern does, for any text: it is written out by hand for
 * speed, so a character let through or refused by mistake would change which rows are bad.
 */
class IdentifiersProperties {

    private static final Pattern CONTRACT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Property(tries = 5_000)
    void answersAsTheContractsPattern(@ForAll("nearIdentifiers") String text) {
        assertThat(Identifiers.isValid(text)).as("'%s'", text).isEqualTo(CONTRACT.matcher(text).matches());
    }

    @Example
    void theEdges() {
        assertThat(Identifiers.isValid("a")).isTrue();
        assertThat(Identifiers.isValid("9.z_-")).isTrue();
        assertThat(Identifiers.isValid("x".repeat(64))).isTrue();
        assertThat(Identifiers.isValid("x".repeat(65))).isFalse();
        assertThat(Identifiers.isValid("")).isFalse();
        assertThat(Identifiers.isValid(null)).isFalse();
        assertThat(Identifiers.isValid("-a")).isFalse();
        assertThat(Identifiers.isValid("ab c")).isFalse();
        assertThat(Identifiers.isValid("é")).isFalse();
        assertThat(Identifiers.isValid("a\n")).isFalse();
    }

    /** Mostly identifier characters, with the neighbours of each range, spaces, line ends and non-ASCII letters. */
    @Provide
    Arbitrary<String> nearIdentifiers() {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('.', '_', '-', '/', ':', '@', '[', '`', '{', ',', ' ', '\n', '\0', 'é', 'Ω', '٣', '\u212A')
                .ofMinLength(0).ofMaxLength(70);
    }
}
