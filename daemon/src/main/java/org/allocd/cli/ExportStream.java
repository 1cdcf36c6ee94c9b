package org.allocd.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * allocmgr's CSV or JSON of a listing read a page at a time (jobs, journal lines), made page by page for a
 * download of any size: the bytes are those of {@link Exports} for the whole answer, that is the first page's
 * answer with every page's rows, "truncated" false and no cursors. One page is held at a time.
 */
public final class ExportStream {
    /** The generator's codec, for writeTree (allocd's side: allocmgr itself writes JSON without an ObjectMapper). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Table table;
    private final ZoneId zone;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private JsonGenerator json;
    /** The JSON answer's fields after its rows, written at the end. */
    private final List<Map.Entry<String, JsonNode>> afterRows = new ArrayList<>();

    private ExportStream(Table table, ZoneId zone) {
        this.table = table;
        this.zone = zone;
    }

    /** 'allocmgr show jobs --csv' (csv) or '--json' of every page. */
    public static ExportStream jobs(boolean csv, ZoneId zone) {
        return new ExportStream(csv ? Verbs.JOBS : null, zone);
    }

    /** 'allocmgr transactions --csv' (csv) or '--json' of every page. */
    public static ExportStream journal(boolean csv, ZoneId zone) {
        return new ExportStream(csv ? Verbs.JOURNAL : null, zone);
    }

    /** The export's start (the CSV header; the JSON answer's fields before its rows) and the first page's rows. */
    public byte[] first(JsonNode page) {
        if (table != null) {
            return csv(page, true);
        }
        ObjectNode whole = (ObjectNode) Table.withSu(page.deepCopy());
        whole.put("truncated", false).putNull("next_cursor").putNull("previous_cursor");
        try {
            json = JSON.getFactory().createGenerator(buffer, JsonEncoding.UTF8);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            boolean rowsWritten = false;
            for (Iterator<Map.Entry<String, JsonNode>> fields = whole.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("rows")) {
                    json.writeFieldName("rows");
                    json.writeStartArray();
                    rowsWritten = true;
                } else if (rowsWritten) {
                    afterRows.add(field);
                } else {
                    json.writeFieldName(field.getKey());
                    json.writeTree(field.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jsonRows(page);
    }

    /** A later page's rows. */
    public byte[] rows(JsonNode page) {
        return table != null ? csv(page, false) : jsonRows(page);
    }

    /** What follows the last page's rows (nothing in CSV). */
    public byte[] end() {
        if (table != null) {
            return new byte[0];
        }
        try {
            json.writeEndArray();
            for (Map.Entry<String, JsonNode> field : afterRows) {
                json.writeFieldName(field.getKey());
                json.writeTree(field.getValue());
            }
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.writeBytes(System.lineSeparator().getBytes(StandardCharsets.UTF_8));
        return taken();
    }

    private byte[] csv(JsonNode page, boolean header) {
        PrintWriter out = new PrintWriter(buffer, false, StandardCharsets.UTF_8);
        table.write(out, (ArrayNode) page.get("rows"), null, OutputFormat.CSV, header, () -> zone);
        return taken();
    }

    private byte[] jsonRows(JsonNode page) {
        try {
            for (JsonNode row : page.get("rows")) {
                json.writeTree(Table.withSu(row.deepCopy()));
            }
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return taken();
    }

    private byte[] taken() {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }
}
