package io.contralog.samples.orders;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A simulated order service. Each request walks receive, validate, reserve stock, charge payment, ship, persist
 * and respond, logging through several loggers at several levels with the request id in the logging context.
 * A few normal requests end differently (rejected, declined, a retried transient error with its stack trace) so
 * that normal logs are not all alike; a {@link Fault} changes the flow the way a failing dependency would.
 */
public final class OrderService {

    /** The context key that carries the request id; sessions are keyed by it. */
    public static final String REQUEST_ID = "requestId";
    /** The context key that carries the customer id. */
    public static final String CUSTOMER_ID = "customerId";

    private final FlowLogging logging;
    private final FlowLogger web;
    private final FlowLogger validator;
    private final FlowLogger stock;
    private final FlowLogger payment;
    private final FlowLogger shipping;
    private final FlowLogger repository;
    private final FlowLogger pool;
    private final boolean simulateLatency;

    /**
     * @param simulateLatency whether each step takes a few milliseconds, so that concurrent requests interleave
     *                        in the log as they do in a real service
     */
    public OrderService(FlowLogging logging, boolean simulateLatency) {
        this.logging = logging;
        this.simulateLatency = simulateLatency;
        this.web = logging.logger("com.example.shop.web.OrderController");
        this.validator = logging.logger("com.example.shop.order.OrderValidator");
        this.stock = logging.logger("com.example.shop.inventory.StockClient");
        this.payment = logging.logger("com.example.shop.payment.PaymentClient");
        this.shipping = logging.logger("com.example.shop.shipping.ShippingService");
        this.repository = logging.logger("com.example.shop.order.OrderRepository");
        this.pool = logging.logger("com.zaxxer.hikari.pool.HikariPool");
    }

    /** Handles one request from start to response, with its id and customer in the logging context. */
    public Outcome handle(SplittableRandom random, Fault fault) {
        String requestId = Catalog.hex(random, 16);
        String customer = "C" + (10000 + random.nextInt(90000));
        logging.putContext(REQUEST_ID, requestId);
        logging.putContext(CUSTOMER_ID, customer);
        try {
            return process(new Order(random, customer), random, fault);
        } finally {
            logging.clearContext();
        }
    }

    private Outcome process(Order order, SplittableRandom random, Fault fault) {
        web.info("POST /api/orders received from customer {} with {} items", order.customer, order.quantity);
        if (!validate(order, random)) {
            return respond(Outcome.REJECTED, order, random);
        }
        if (fault != Fault.SKIP_RESERVE) {
            pause(random);
            reserve(order, random);
        }
        pause(random);
        Outcome charged = charge(order, random, fault);
        if (charged != Outcome.CREATED) {
            stock.info("Released reservation of {} units of {} for order {}", order.quantity, order.sku, order.id);
            return respond(charged, order, random);
        }
        pause(random);
        shipping.info("Shipment {} booked with carrier {} for order {}",
            "SHP-" + Catalog.hex(random, 8).toUpperCase(Locale.ROOT), order.carrier, order.id);
        persist(order, random, fault);
        return respond(Outcome.CREATED, order, random);
    }

    private void pause(SplittableRandom random) {
        if (simulateLatency) {
            LockSupport.parkNanos(1_000_000L * (1 + random.nextInt(8)));
        }
    }

    private boolean validate(Order order, SplittableRandom random) {
        validator.debug("Validating order {}: {} x {}, total {} EUR", order.id, order.quantity, order.sku,
            order.total());
        if (random.nextInt(100) < 4) {
            validator.warn("Order {} rejected: item {} is discontinued", order.id, order.sku);
            return false;
        }
        return true;
    }

    private void reserve(Order order, SplittableRandom random) {
        stock.info("Reserved {} units of {} in warehouse {}", order.quantity, order.sku, order.warehouse);
        if (random.nextInt(100) < 3) {
            stock.warn("Stock of {} is low in warehouse {}: {} left", order.sku, order.warehouse, random.nextInt(5));
        }
    }

    private Outcome charge(Order order, SplittableRandom random, Fault fault) {
        payment.info("Charging {} EUR to card ending {} via gateway {}", order.total(), order.card, Catalog.GATEWAY);
        if (fault == Fault.PAYMENT_TIMEOUT) {
            return timeOut(order);
        }
        if (random.nextInt(100) < 2) {
            payment.warn("Transient error from gateway {}, retrying once", Catalog.GATEWAY,
                new IOException("Connection reset by peer"));
        }
        if (random.nextInt(100) < 3) {
            payment.warn("Payment for order {} declined by issuer: insufficient funds", order.id);
            return Outcome.DECLINED;
        }
        payment.info("Payment {} authorised in {} ms", "PAY-" + Catalog.hex(random, 10), 40 + random.nextInt(160));
        return Outcome.CREATED;
    }

    private Outcome timeOut(Order order) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            payment.warn("Gateway {} did not answer within 2000 ms (attempt {}/3)", Catalog.GATEWAY, attempt);
        }
        PaymentException failure = new PaymentException("Payment gateway " + Catalog.GATEWAY + " unavailable",
            new SocketTimeoutException("Read timed out"));
        payment.error("Charging order {} failed, giving up", order.id, failure);
        return Outcome.FAILED;
    }

    private void persist(Order order, SplittableRandom random, Fault fault) {
        if (fault == Fault.DB_SLOW) {
            repository.warn("Slow query: INSERT INTO orders took {} ms", 2500 + random.nextInt(4000));
            pool.warn("HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
            return;
        }
        repository.debug("Order {} persisted in {} ms", order.id, 2 + random.nextInt(15));
    }

    private Outcome respond(Outcome outcome, Order order, SplittableRandom random) {
        int millis = 20 + random.nextInt(200);
        if (outcome == Outcome.CREATED) {
            web.info("POST /api/orders completed: 201 Created order {} in {} ms", order.id, millis);
        } else {
            web.info("POST /api/orders completed: {} for order {} in {} ms", outcome.status(), order.id, millis);
        }
        return outcome;
    }

    /** The order a request carries, drawn from the catalog. */
    private static final class Order {
        final String id;
        final String customer;
        final String sku;
        final int quantity;
        final int unitCents;
        final String warehouse;
        final String carrier;
        final String card;

        Order(SplittableRandom random, String customer) {
            this.id = "ORD-" + (100000 + random.nextInt(900000));
            this.customer = customer;
            this.sku = Catalog.pick(Catalog.SKUS, random);
            this.quantity = 1 + random.nextInt(4);
            this.unitCents = 499 + random.nextInt(20000);
            this.warehouse = Catalog.pick(Catalog.WAREHOUSES, random);
            this.carrier = Catalog.pick(Catalog.CARRIERS, random);
            this.card = String.format("%04d", random.nextInt(10000));
        }

        String total() {
            long cents = (long) unitCents * quantity;
            return cents / 100 + "." + String.format("%02d", cents % 100);
        }
    }
}
