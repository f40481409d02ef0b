package io.contralog.agent.config;

/**
 * The agent's whole configuration, as read from its one YAML file and validated by {@link ConfigLoader}.
 *
 * @param queue   where events are read
 * @param model   which bundles score them
 * @param session overrides of the bundle's sessionization
 * @param scoring how sequences are scored
 * @param http    the agent's own HTTP endpoint
 * @param state   where the agent keeps its checkpoint and alert spool
 * @param alerts  destinations and alert policy
 */
public record AgentConfig(QueueConfig queue, ModelConfig model, SessionConfig session, ScoringConfig scoring,
                          HttpConfig http, StateConfig state, AlertsConfig alerts) {

    /** Fills defaults for optional sections. */
    public AgentConfig {
        session = session == null ? SessionConfig.defaults() : session;
        scoring = scoring == null ? ScoringConfig.defaults() : scoring;
        http = http == null ? HttpConfig.defaults() : http;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
    }
}
