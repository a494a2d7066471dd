package com.marketplace.refunds.intake.internal;

import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.shared.ReviewStatus;

/** How the records of one extract are checked and turned into the columns of its stage table. */
abstract class StageMapper {

    static final Set<String> PAYMENT_METHODS = names(PaymentMethod.class);
    static final Set<String> DELIVERY_STATUSES = Set.of("NOT_RECEIVED", "PARTIALLY_RECEIVED", "RECEIVED");
    static final Set<String> REVIEW_STATUSES = names(ReviewStatus.class);
    static final Set<String> RESOLUTIONS = names(Resolution.class);

    private static Set<String> names(Class<? extends Enum<?>> vocabulary) {
        return Arrays.stream(vocabulary.getEnumConstants()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    /** Columns that must be in the header. */
    abstract List<String> requiredColumns();

    /** The stage table and its columns, drop_date and line_no first, for COPY. */
    abstract String stageColumns();

    /** The stage values after line_no, or a {@link BadValueException} that makes the record a bad row. */
    abstract Object[] map(Fields fields) throws BadValueException;

    static StageMapper of(Extract extract) {
        return switch (extract) {
            case ORDERS -> new OrdersMapper();
            case CANCELLATIONS -> new CancellationsMapper();
            case DISPUTE_RESOLUTIONS -> new DisputeResolutionsMapper();
            case STORE_BLOCKS -> new StoreBlocksMapper();
            case FREE_RETURNS -> new FreeReturnsMapper();
        };
    }

    static final class OrdersMapper extends StageMapper {

        @Override
        List<String> requiredColumns() {
            return List.of("order_id", "store_id", "buyer_id", "payment_method", "payment_reference", "currency",
                    "items_amount", "shipping_amount", "paid_at", "ship_deadline", "free_return",
                    "protection_expires_at");
        }

        @Override
        String stageColumns() {
            return """
                    stage_orders (drop_date, line_no, order_id, store_id, buyer_id, payment_method, payment_reference,
                    currency, items_minor, shipping_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at,
                    free_return, protection_expires_at)""";
        }

        @Override
        Object[] map(Fields f) throws BadValueException {
            String orderId = f.id("order_id");
            String storeId = f.id("store_id");
            String buyerId = f.id("buyer_id");
            String method = f.enumeration("payment_method", PAYMENT_METHODS, true);
            String reference = f.paymentReference("payment_reference");
            Currency currency = f.currency("currency");
            if (method.equals(PaymentMethod.PAYPAL.name()) && currency.getDefaultFractionDigits() > 2) {
                throw new BadValueException("a PAYPAL order cannot be in " + currency.getCurrencyCode()
                        + " (PayPal takes currencies with at most two decimals)");
            }
            long items = f.amount("items_amount", currency, true);
            long shipping = f.amount("shipping_amount", currency, false);
            if (items + shipping > AmountCeiling.MAX_MINOR) {
                throw new BadValueException(AmountCeiling.tooLarge("order total (items_amount + shipping_amount)", currency));
            }
            return new Object[] {orderId, storeId, buyerId, method, reference, currency.getCurrencyCode(), items, shipping,
                    f.timestamp("paid_at", true), f.timestamp("ship_deadline", true), f.timestamp("shipped_at", false),
                    f.storableText("tracking_number"), f.timestamp("delivered_at", false), f.bool("free_return"),
                    f.timestamp("protection_expires_at", true)};
        }
    }

    static final class CancellationsMapper extends StageMapper {

        @Override
        List<String> requiredColumns() {
            return List.of("cancellation_id", "order_id", "requested_at");
        }

        @Override
        String stageColumns() {
            return "stage_cancellations (drop_date, line_no, cancellation_id, order_id, requested_at, seller_confirmed_at)";
        }

        @Override
        Object[] map(Fields f) throws BadValueException {
            return new Object[] {f.id("cancellation_id"), f.id("order_id"), f.timestamp("requested_at", true),
                    f.timestamp("seller_confirmed_at", false)};
        }
    }

    static final class DisputeResolutionsMapper extends StageMapper {

        @Override
        List<String> requiredColumns() {
            return List.of("dispute_id", "order_id", "opened_at", "resolved_at", "resolution", "return_required");
        }

        @Override
        String stageColumns() {
            return """
                    stage_dispute_resolutions (drop_date, line_no, dispute_id, order_id, opened_at, resolved_at,
                    resolution, requested_amount, awarded_amount, return_required, return_received_at)""";
        }

        @Override
        Object[] map(Fields f) throws BadValueException {
            String disputeId = f.id("dispute_id");
            String orderId = f.id("order_id");
            String openedAt = f.timestamp("opened_at", true);
            String resolvedAt = f.timestamp("resolved_at", true);
            f.enumeration("delivery_status", DELIVERY_STATUSES, false);
            String resolution = f.enumeration("resolution", RESOLUTIONS, true);
            String requested = f.amountText("requested_amount");
            String awarded = f.amountText("awarded_amount");
            Resolution.PayingAmount paying = Resolution.valueOf(resolution).paying();
            String payingText = switch (paying) {
                case REQUESTED -> requested;
                case AWARDED -> awarded;
                case NONE -> "";
            };
            if (payingText == null) {
                throw new BadValueException("missing required value: " + paying.column() + " (required for " + resolution + ")");
            }
            return new Object[] {disputeId, orderId, openedAt, resolvedAt, resolution, requested, awarded,
                    f.bool("return_required"), f.timestamp("return_received_at", false)};
        }
    }

    static final class StoreBlocksMapper extends StageMapper {

        @Override
        List<String> requiredColumns() {
            return List.of("store_id", "blocked_at", "review_status");
        }

        @Override
        String stageColumns() {
            return "stage_store_blocks (drop_date, line_no, store_id, blocked_at, review_status, confirmed_at)";
        }

        @Override
        Object[] map(Fields f) throws BadValueException {
            String storeId = f.id("store_id");
            String blockedAt = f.timestamp("blocked_at", true);
            String status = f.enumeration("review_status", REVIEW_STATUSES, true);
            String confirmedAt = f.timestamp("confirmed_at", status.equals(ReviewStatus.CONFIRMED_FRAUD.name()));
            return new Object[] {storeId, blockedAt, status, confirmedAt};
        }
    }

    static final class FreeReturnsMapper extends StageMapper {

        @Override
        List<String> requiredColumns() {
            return List.of("return_id", "order_id", "requested_at");
        }

        @Override
        String stageColumns() {
            return "stage_free_returns (drop_date, line_no, return_id, order_id, requested_at, received_at)";
        }

        @Override
        Object[] map(Fields f) throws BadValueException {
            return new Object[] {f.id("return_id"), f.id("order_id"), f.timestamp("requested_at", true),
                    f.timestamp("received_at", false)};
        }
    }
}
