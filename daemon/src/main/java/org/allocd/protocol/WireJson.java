package org.allocd.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * How answers name the fields of the records they carry: snake_case, with a time in milliseconds ending in
 * "_ms" as the protocol has always spelled it (docs/protocol.md), though the Java names end in "Millis".
 */
final class WireJson {
    static final ObjectMapper MAPPER = new ObjectMapper().setPropertyNamingStrategy(new WireNames());

    private WireJson() {}

    private static final class WireNames extends PropertyNamingStrategies.SnakeCaseStrategy {
        @Override
        public String translate(String name) {
            String snake = super.translate(name);
            return snake.endsWith("_millis") ? snake.substring(0, snake.length() - "_millis".length()) + "_ms" : snake;
        }
    }
}
