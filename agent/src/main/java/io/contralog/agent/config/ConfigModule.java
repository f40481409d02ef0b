package io.contralog.agent.config;

import io.contralog.core.util.Durations;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Jackson bindings for the config's own value forms: durations, sizes, and paths relative to the file. */
final class ConfigModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    ConfigModule(Path baseDir) {
        addDeserializer(Duration.class, new DurationDeserializer());
        addDeserializer(DataSize.class, new SizeDeserializer());
        addDeserializer(Path.class, new PathDeserializer(baseDir));
    }

    private static String scalar(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        return (String) ctxt.handleUnexpectedToken(type, p);
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = scalar(p, ctxt, Duration.class);
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, Duration.class, e.getMessage());
            }
        }
    }

    private static final class SizeDeserializer extends JsonDeserializer<DataSize> {
        @Override
        public DataSize deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = scalar(p, ctxt, DataSize.class);
            try {
                return DataSize.parse(text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, DataSize.class, e.getMessage());
            }
        }
    }

    private static final class PathDeserializer extends JsonDeserializer<Path> {
        private final Path baseDir;

        PathDeserializer(Path baseDir) {
            this.baseDir = baseDir;
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = scalar(p, ctxt, Path.class);
            return baseDir.resolve(text).normalize();
        }
    }
}
