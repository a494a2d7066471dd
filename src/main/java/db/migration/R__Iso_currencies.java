package db.migration;

import java.sql.PreparedStatement;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the currency table from the JVM's ISO 4217 table, so the database and the Java
 * validation agree on codes and exponents. Repeatable: it runs again whenever the list changes.
 */
public class R__Iso_currencies extends BaseJavaMigration {

    private static final String UPSERT = """
            INSERT INTO currency (code, exponent) VALUES (?, ?)
            ON CONFLICT (code) DO UPDATE SET exponent = EXCLUDED.exponent
            """;

    @Override
    public Integer getChecksum() {
        return currencies().stream().map(c -> c.getCurrencyCode() + c.getDefaultFractionDigits()).toList().hashCode();
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (PreparedStatement upsert = context.getConnection().prepareStatement(UPSERT)) {
            for (Currency currency : currencies()) {
                upsert.setString(1, currency.getCurrencyCode());
                upsert.setInt(2, currency.getDefaultFractionDigits());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static List<Currency> currencies() {
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0 && c.getDefaultFractionDigits() <= 4)
                .sorted(Comparator.comparing(Currency::getCurrencyCode))
                .toList();
    }
}
