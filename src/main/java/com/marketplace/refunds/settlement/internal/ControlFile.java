package com.marketplace.refunds.settlement.internal;

import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.core.util.Separators.Spacing;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;

/**
 * The control file beside a settlement file (docs/outputs.md): one line in the contract's key order,
 * {@code ", "} between entries and {@code ": "} after each name, an empty {@code {}} for no totals.
 * Jackson escapes whatever a value holds, so a value can never break the file; which values may be sent
 * at all is checked where they enter (SettlementFileWriter's rows, the name from the payment method).
 */
final class ControlFile {

    private static final ObjectWriter ONE_LINE = JsonMapper.shared().writer().with(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Spacing.AFTER)
                    .withObjectEntrySpacing(Spacing.AFTER)
                    .withObjectEmptySeparator(""))
            .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter()));

    private ControlFile() {
    }

    static String json(Written written) {
        ObjectNode control = JsonNodeFactory.instance.objectNode()
                .put("file", written.fileName())
                .put("paymentMethod", written.method().name())
                .put("businessDate", written.businessDate().toString())
                .put("sequence", written.sequence())
                .put("recordCount", written.recordCount());
        ObjectNode totals = control.putObject("totals");
        written.totals().forEach(totals::put);
        control.put("sha256", written.sha256());
        return ONE_LINE.writeValueAsString(control) + "\n";
    }
}
