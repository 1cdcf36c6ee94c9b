package org.allocd.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.allocd.cli.ExportStream;
import org.allocd.http.ChunkedBody;
import org.allocd.http.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads of listings of any length (jobs, journal lines): the op's pages read one after another by its
 * cursor, each written out (allocmgr's CSV or JSON, {@link ExportStream}) before the next is read, so a
 * download holds one page whatever its size and a client that goes away stops the reading. There is no bound
 * on a download's lines; at most {@link #AT_ONCE} run at once, and each page is read on the portal's threads
 * between other people's pages.
 */
final class Downloads {
    private static final Logger log = LoggerFactory.getLogger(Downloads.class);
    /** Downloads running at once; another is answered 503 until one ends. */
    static final int AT_ONCE = 4;

    private final Executor threads;
    private final Semaphore running = new Semaphore(AT_ONCE);

    Downloads(Executor threads) {
        this.threads = threads;
    }

    /**
     * The download of every page that pages (cursor -> the op's answer; null: the first page) leads to: one
     * answer when the first page is the only one, else sent chunked a page at a time.
     */
    PageResponse of(Visit v, String fileName, boolean csv, Function<String, JsonNode> pages, ExportStream export) {
        if (!running.tryAcquire()) {
            throw new Refused(503, v.m.t("export.busy", AT_ONCE));
        }
        Download download = new Download(v, fileName, pages, export);
        try {
            byte[] first = download.first();
            List<Map.Entry<String, String>> headers = List.of(
                    Map.entry("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
            String type = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            if (download.cursor == null) {
                download.release();
                return Reply.bytes(200, type, first, headers);
            }
            return Reply.chunked(200, type, first, headers, download);
        } catch (RuntimeException e) {
            download.release();
            throw e;
        }
    }

    private final class Download implements ChunkedBody {
        private final Visit v;
        private final String fileName;
        private final Function<String, JsonNode> pages;
        private final ExportStream export;
        private final AtomicBoolean released = new AtomicBoolean();
        /** The next page's cursor; null: the last page was read. Touched by one thread at a time. */
        private String cursor;
        private long lines;

        Download(Visit v, String fileName, Function<String, JsonNode> pages, ExportStream export) {
            this.v = v;
            this.fileName = fileName;
            this.pages = pages;
            this.export = export;
        }

        byte[] first() {
            JsonNode page = read(null);
            return joined(export.first(page), cursor == null ? export.end() : new byte[0]);
        }

        @Override
        public CompletableFuture<byte[]> next() {
            try {
                return CompletableFuture.supplyAsync(this::nextChunk, threads);
            } catch (RejectedExecutionException full) {
                return CompletableFuture.failedFuture(full);
            }
        }

        /** The next page's rows (pages that show no row are passed over), or null after the last page. */
        private byte[] nextChunk() {
            while (cursor != null) {
                JsonNode page = read(cursor);
                byte[] chunk = joined(export.rows(page), cursor == null ? export.end() : new byte[0]);
                if (chunk.length > 0) {
                    return chunk;
                }
            }
            log.info("portal download {} of {}: {} lines", fileName, v.caller.user(), lines);
            release();
            return null;
        }

        private JsonNode read(String from) {
            JsonNode page = pages.apply(from);
            cursor = page.path("next_cursor").asText(null);
            lines += page.path("rows").size();
            return page;
        }

        @Override
        public void abandon() {
            if (released.get()) {
                return;
            }
            log.info("portal download {} of {} stopped after {} lines: the client went away or a page failed",
                    fileName, v.caller.user(), lines);
            release();
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                running.release();
            }
        }
    }

    private static byte[] joined(byte[] a, byte[] b) {
        ByteArrayOutputStream both = new ByteArrayOutputStream(a.length + b.length);
        both.writeBytes(a);
        both.writeBytes(b);
        return both.toByteArray();
    }
}
