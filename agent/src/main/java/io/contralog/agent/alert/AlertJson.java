package io.contralog.agent.alert;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.time.Instant;

/** The one JSON mapping of alerts, shared by the spool, the sinks and the HTTP endpoint. */
public final class AlertJson {

    /** Lower camel case keys, ISO-8601 instants, unknown keys ignored on reading. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(new SimpleModule()
            .addSerializer(Instant.class, ToStringSerializer.instance)
            .addDeserializer(Instant.class, new InstantDeserializer()))
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private AlertJson() {
    }

    /** Writes a value as compact JSON bytes. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("alert JSON could not be written", e);
        }
    }

    private static final class InstantDeserializer extends FromStringDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        protected Instant _deserialize(String value, DeserializationContext ctxt) {
            return Instant.parse(value);
        }
    }
}
