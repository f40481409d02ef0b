package io.contralog.agent.config;

/**
 * The agent's own HTTP endpoint (health, readiness, metrics, recent alerts, scoring).
 *
 * @param enabled whether to serve it at all
 * @param bind    address to bind; loopback unless deliberately exposed
 * @param port    TCP port; 0 picks a free one
 */
public record HttpConfig(Boolean enabled, String bind, Integer port) {

    /** Fills defaults for keys the file leaves out. */
    public HttpConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        bind = bind == null ? "127.0.0.1" : bind;
        port = port == null ? 9464 : port;
    }

    /** The defaults. */
    public static HttpConfig defaults() {
        return new HttpConfig(null, null, null);
    }
}
