package org.allocd.rates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.allocd.charge.ChargeRates;

/**
 * A rate table as canonical JSON (keys sorted), so that two loads of the same file give the same text and a
 * new version is made only when a price really changed.
 */
public final class RatesText {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RatesText() {}

    static String of(ChargeRates rates) {
        try {
            return JSON.writeValueAsString(rates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rate table always serializes: " + e.getMessage(), e);
        }
    }

    public static ChargeRates parse(String text) {
        try {
            return JSON.readValue(text, ChargeRates.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored rate version is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
