package org.allocd.spool;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allocd.errors.ErrorCode;
import org.allocd.protocol.Op;
import org.allocd.protocol.Registry;
import org.allocd.server.Peer;
import org.allocd.server.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the job events allocd-hook wrote to the spool directory while allocd
 * was away (one JSON request per file, names sorting by time), through the
 * same hook handler the socket uses. A file is deleted only once the ledger
 * has answered for good; "conflict" and "key_reused" mean the event was already
 * applied (a replayed epilog), so it counts as done. A file that cannot be read or that
 * the ledger refuses for good goes to quarantine/ with one log line; a busy or
 * unavailable store stops the run and the next run tries again.
 */
public final class SpoolReplayer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SpoolReplayer.class);
    public static final String QUARANTINE = "quarantine";
    /** The hook socket's limit: a spooled event is one hook request. */
    static final long MAX_FILE_BYTES = 16 * 1024;
    static final int MAX_FILES_PER_RUN = 10_000;
    static final long ANSWER_TIMEOUT_SECONDS = 30;
    /** A hook writes its temp file in well under a second; one this old was left by a crash. */
    static final long STALE_TEMP_MILLIS = 10 * 60 * 1000;
    /** The hook ops that write: a hook spools only these. */
    private static final Set<String> EVENTS = Registry.all().stream()
            .filter(op -> op.door() == Op.Door.HOOK && op.effect() == Op.Effect.WRITE).map(Op::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> TRY_LATER = Stream.of(ErrorCode.BUSY, ErrorCode.STORE_UNAVAILABLE,
            ErrorCode.INTERNAL, ErrorCode.SHUTTING_DOWN).map(ErrorCode::code).collect(Collectors.toUnmodifiableSet());
    /** The daemon itself, as root: the events were sent by root or SlurmUser in the first place. */
    private static final Peer SELF = new Peer(0, 0, (int) ProcessHandle.current().pid());
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path dir;
    private final RequestHandler hooks;

    public SpoolReplayer(Path dir, RequestHandler hooks) {
        this.dir = dir;
        this.hooks = hooks;
    }

    /** What one run did. */
    public record Result(int replayed, int quarantined, int left) {}

    @Override
    public void run() {
        try {
            replay();
        } catch (RuntimeException e) {
            // Never let the scheduler drop the task: the next run tries again.
            log.warn("spool replay of {} failed, will retry: {}", dir, e.toString());
        }
    }

    public Result replay() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(this::ready).sorted().limit(MAX_FILES_PER_RUN).toList();
        } catch (NoSuchFileException e) {
            return new Result(0, 0, 0);
        } catch (IOException e) {
            log.warn("cannot list spool directory {}: {}", dir, e.toString());
            return new Result(0, 0, 0);
        }
        int replayed = 0;
        int quarantined = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Outcome outcome = replayOne(file);
            switch (outcome) {
                case DONE -> replayed++;
                case QUARANTINED -> quarantined++;
                case TRY_LATER -> {
                    return finish(replayed, quarantined, files.size() - i);
                }
            }
        }
        return finish(replayed, quarantined, 0);
    }

    private Result finish(int replayed, int quarantined, int left) {
        if (replayed + quarantined + left > 0) {
            log.info("spool {}: replayed {}, quarantined {}, left for the next run {}", dir, replayed, quarantined,
                    left);
        }
        return new Result(replayed, quarantined, left);
    }

    /** Whole event files, and temp files a crashed hook left behind (they go to quarantine). */
    private boolean ready(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (name.startsWith(".tmp-")) {
            try {
                return System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis() > STALE_TEMP_MILLIS;
            } catch (IOException e) {
                return false;
            }
        }
        return SpoolBacklog.isEvent(name);
    }

    private enum Outcome { DONE, QUARANTINED, TRY_LATER }

    private Outcome replayOne(Path file) {
        ObjectNode request;
        try {
            request = read(file);
        } catch (IOException e) {
            return quarantine(file, "it cannot be read as one hook event: " + e.getMessage());
        }
        ObjectNode answer;
        try {
            answer = hooks.handle(SELF, request).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("spool file {} not answered ({}); will retry", file.getFileName(), e.toString());
            return Outcome.TRY_LATER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.TRY_LATER;
        }
        if (answer.path("ok").asBoolean(false)) {
            log.info("spool file {} replayed: {}", file.getFileName(), answer.path("detail").asText());
            return delete(file);
        }
        String error = answer.path("error").asText("internal");
        String message = answer.path("message").asText("");
        if (TRY_LATER.contains(error)) {
            log.warn("spool file {} not applied yet ({}: {}); will retry", file.getFileName(), error, message);
            return Outcome.TRY_LATER;
        }
        // key_reused: this event of this job run was recorded already, with other details.
        if (error.equals("conflict") || error.equals("key_reused")) {
            log.info("spool file {} was already applied ({}); deleted", file.getFileName(), message);
            return delete(file);
        }
        return quarantine(file, "the ledger refused it for good (" + error + ": " + message + ")");
    }

    private static ObjectNode read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new IOException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(node instanceof ObjectNode request) || !EVENTS.contains(request.path("op").asText())) {
            throw new IOException("not a JSON object with op LIEN, CHARGE or MODIFY");
        }
        return request;
    }

    private Outcome delete(Path file) {
        try {
            Files.deleteIfExists(file);
            return Outcome.DONE;
        } catch (IOException e) {
            // Applied but not deleted: the next run replays it and the ledger answers "replayed" or conflict.
            log.warn("spool file {} applied but not deleted: {}", file, e.toString());
            return Outcome.TRY_LATER;
        }
    }

    private Outcome quarantine(Path file, String why) {
        Path target = dir.resolve(QUARANTINE).resolve(file.getFileName());
        try {
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.error("spool file {} moved to {}: {}", file.getFileName(), target.getParent(), why);
            return Outcome.QUARANTINED;
        } catch (IOException e) {
            log.error("spool file {} should go to quarantine ({}) but cannot be moved: {}", file, why, e.toString());
            return Outcome.TRY_LATER;
        }
    }
}
