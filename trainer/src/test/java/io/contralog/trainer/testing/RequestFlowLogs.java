package io.contralog.trainer.testing;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates the logs of a small web shop: requests of a few kinds, each a flow of 4-8 steps with varying numbers
 * and ids, tagged with a {@code requestId} context field and interleaved in time like concurrent requests.
 * Also builds the anomalous requests tests inject: an unseen error, and a known step out of its usual place.
 */
public final class RequestFlowLogs {

    /** The context field that keys sessions. */
    public static final String KEY = "requestId";
    /** The service name on every event. */
    public static final String SERVICE = "shop";

    private static final long START_NANOS = 1_767_225_600_000_000_000L;
    private static final long STEP_NANOS = 3_000_000L;

    private final Random random;
    private long clock = START_NANOS;
    private long seq;
    private int requests;

    /** A generator whose output depends only on {@code seed}. */
    public RequestFlowLogs(long seed) {
        this.random = new Random(seed);
    }

    /** Generates {@code count} normal requests, about four in flight at once, in time order. */
    public List<LogEvent> normal(int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.addAll(request(flows().get(random.nextInt(flows().size()))));
        }
        events.sort(Comparator.comparingLong(LogEvent::ts));
        return events;
    }

    /** One checkout request whose payment fails with an error never seen in normal traffic. */
    public List<LogEvent> unseenError() {
        List<Step> steps = new ArrayList<>(checkout().subList(0, 4));
        steps.add(step("ERROR", "com.shop.payment.PaymentClient", r -> "Payment provider rejected the request with"
            + " status 503", new ErrorInfo("java.net.SocketTimeoutException", "Read timed out after 5000 ms",
            List.of(), null)));
        return request(steps);
    }

    /** One login request in which a card is charged: every message is known, but the charge is out of place. */
    public List<LogEvent> chargeDuringLogin() {
        List<Step> steps = new ArrayList<>(login());
        steps.add(2, checkout().get(3));
        return request(steps);
    }

    private List<LogEvent> request(List<Step> steps) {
        String id = Long.toHexString(random.nextLong() & 0xffffffffffffL);
        String thread = "http-nio-8080-exec-" + (1 + random.nextInt(8));
        long at = clock;
        clock += STEP_NANOS * 2 + random.nextInt(2_000_000);
        requests++;
        List<LogEvent> events = new ArrayList<>();
        for (Step s : steps) {
            at += STEP_NANOS + random.nextInt(5_000_000);
            events.add(LogEvent.builder().ts(at).level(s.level()).logger(s.logger()).thread(thread)
                .msg(s.text().apply(random)).error(s.error()).ctx(Map.of(KEY, id)).service(SERVICE)
                .host("web-1").pid(4242).seq(seq++).build());
        }
        return events;
    }

    private List<List<Step>> flows() {
        return List.of(checkout(), login(), search(), profile(), search());
    }

    private static List<Step> checkout() {
        return List.of(
            info("com.shop.web.OrderController", r -> "Received POST /api/orders from 10.0." + r.nextInt(8) + "."
                + (2 + r.nextInt(250))),
            info("com.shop.cart.CartService", r -> "Validating cart " + hex(r) + " with " + (1 + r.nextInt(9))
                + " items"),
            info("com.shop.stock.StockService", r -> "Reserved stock for " + (1 + r.nextInt(9))
                + " items in warehouse " + (1 + r.nextInt(4))),
            info("com.shop.payment.PaymentClient", r -> "Charging card ending " + (1000 + r.nextInt(9000))
                + " amount " + (5 + r.nextInt(300)) + "." + (10 + r.nextInt(90)) + " EUR"),
            info("com.shop.payment.PaymentClient", r -> "Payment " + (10000 + r.nextInt(90000))
                + " authorised in " + (40 + r.nextInt(400)) + " ms"),
            info("com.shop.order.OrderService", r -> "Order " + (100000 + r.nextInt(900000))
                + " created for customer " + (1000 + r.nextInt(9000))),
            info("com.shop.web.OrderController", r -> "Responded 201 in " + (60 + r.nextInt(600)) + " ms"));
    }

    private static List<Step> login() {
        return List.of(
            info("com.shop.web.AuthController", r -> "Received POST /api/login from 10.0." + r.nextInt(8) + "."
                + (2 + r.nextInt(250))),
            info("com.shop.user.UserRepository", r -> "Loaded user " + (1000 + r.nextInt(9000)) + " from cache"),
            info("com.shop.auth.PasswordCheck", r -> "Password check passed for user " + (1000 + r.nextInt(9000))),
            info("com.shop.auth.SessionStore", r -> "Issued session token for user " + (1000 + r.nextInt(9000))
                + ", expires in 3600 s"),
            info("com.shop.web.AuthController", r -> "Responded 200 in " + (5 + r.nextInt(80)) + " ms"));
    }

    private static List<Step> search() {
        return List.of(
            info("com.shop.web.SearchController", r -> "Received GET /api/search from 10.0." + r.nextInt(8) + "."
                + (2 + r.nextInt(250))),
            info("com.shop.search.QueryParser", r -> "Parsed query with " + (1 + r.nextInt(4)) + " terms"),
            info("com.shop.search.IndexClient", r -> "Index products returned " + r.nextInt(500) + " hits in "
                + (2 + r.nextInt(40)) + " ms"),
            info("com.shop.web.SearchController", r -> "Responded 200 in " + (5 + r.nextInt(80)) + " ms"));
    }

    private static List<Step> profile() {
        return List.of(
            info("com.shop.web.ProfileController", r -> "Received PUT /api/profile from 10.0." + r.nextInt(8) + "."
                + (2 + r.nextInt(250))),
            info("com.shop.user.UserRepository", r -> "Loaded user " + (1000 + r.nextInt(9000)) + " from database"),
            info("com.shop.user.ProfileValidator", r -> "Validated " + (1 + r.nextInt(6)) + " changed fields"),
            info("com.shop.user.UserRepository", r -> "Saved user " + (1000 + r.nextInt(9000)) + " version "
                + (1 + r.nextInt(40))),
            info("com.shop.events.Publisher", r -> "Published ProfileChanged to topic users in "
                + (1 + r.nextInt(20)) + " ms"),
            info("com.shop.web.ProfileController", r -> "Responded 204 in " + (10 + r.nextInt(90)) + " ms"));
    }

    private static String hex(Random r) {
        return Integer.toHexString(r.nextInt(1 << 24));
    }

    private static Step info(String logger, Function<Random, String> text) {
        return new Step("INFO", logger, text, null);
    }

    private static Step step(String level, String logger, Function<Random, String> text, ErrorInfo error) {
        return new Step(level, logger, text, error);
    }

    /** Requests generated so far. */
    public int requests() {
        return requests;
    }

    private record Step(String level, String logger, Function<Random, String> text, ErrorInfo error) {
    }
}
