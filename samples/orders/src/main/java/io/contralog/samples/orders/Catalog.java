package io.contralog.samples.orders;

import java.util.List;
import java.util.SplittableRandom;

/** The fixed products, warehouses and carriers the simulated shop draws from. */
final class Catalog {

    static final List<String> SKUS = List.of(
        "SKU-1042", "SKU-2210", "SKU-3177", "SKU-4093", "SKU-5120", "SKU-6001", "SKU-7314", "SKU-8850");
    static final List<String> WAREHOUSES = List.of("fra-1", "ams-2", "waw-1");
    static final List<String> CARRIERS = List.of("DHL", "UPS", "DPD", "GLS");
    static final String GATEWAY = "payments-eu-1";

    private Catalog() {
    }

    static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    static String hex(SplittableRandom random, int digits) {
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
