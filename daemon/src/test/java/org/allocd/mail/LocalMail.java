package org.allocd.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's real MTA for tests: Debian's exim4 (configured for local delivery, as .ci/run sets it
 * up) behind /usr/sbin/sendmail, unix users the test makes (with a home, which exim's local delivery
 * needs), and their mbox files under /var/mail read back. Without root or an MTA the test is skipped;
 * ALLOCD_MAIL=required (.ci/run) makes it fail instead.
 */
public final class LocalMail implements AutoCloseable {
    public static final Path SENDMAIL = Path.of("/usr/sbin/sendmail");
    private static final Path SPOOL = Path.of("/var/mail");
    private static final Pattern WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    private final List<String> users;

    /** One delivered message: its header lines (unfolded) and its body. */
    public record Message(List<String> headers, String body) {
        /** Every value of the named header, encoded words decoded. */
        public List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(decode(h.substring(colon + 1).strip()));
                }
            }
            return values;
        }

        public String subject() {
            List<String> subjects = header("Subject");
            assertEquals(1, subjects.size(), () -> "one Subject: " + headers);
            return subjects.get(0);
        }
    }

    private LocalMail(List<String> users) {
        this.users = users;
    }

    /** Makes these unix users (if missing) with empty mailboxes. */
    public static LocalMail withUsers(String... names) throws Exception {
        boolean required = System.getenv().getOrDefault("ALLOCD_MAIL", "auto").toLowerCase(Locale.ROOT)
                .equals("required");
        boolean possible = Files.isExecutable(SENDMAIL) && Files.isExecutable(Path.of("/usr/sbin/useradd"))
                && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        if (required) {
            assertTrue(possible, "ALLOCD_MAIL=required but there is no /usr/sbin/sendmail (apt-get install"
                    + " exim4-daemon-light) or no root to make mail users");
        }
        Assumptions.assumeTrue(possible, "needs root and a local MTA at /usr/sbin/sendmail (Debian: exim4-daemon-light)");
        for (String name : names) {
            if (run("id", "-u", name) != 0) {
                assertEquals(0, run("useradd", "--create-home", "--shell", "/usr/sbin/nologin", name), "useradd " + name);
            }
            Files.deleteIfExists(SPOOL.resolve(name));
        }
        return new LocalMail(List.of(names));
    }

    /** The user's messages, waiting up to 20 s for at least count of them (the MTA delivers in the background). */
    public List<Message> waitFor(String user, int count) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Message> messages = read(user);
        while (messages.size() < count && System.nanoTime() < end) {
            Thread.sleep(100);
            messages = read(user);
        }
        return messages;
    }

    /** The user's messages now. */
    public List<Message> read(String user) throws IOException {
        Path box = SPOOL.resolve(user);
        if (!Files.exists(box)) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>();
        List<String> lines = null;
        for (String line : Files.readAllLines(box, StandardCharsets.UTF_8)) {
            if (line.startsWith("From ")) {
                if (lines != null) {
                    messages.add(parse(lines));
                }
                lines = new ArrayList<>();
            } else if (lines != null) {
                lines.add(line);
            }
        }
        if (lines != null) {
            messages.add(parse(lines));
        }
        return messages;
    }

    private static Message parse(List<String> lines) {
        List<String> headers = new ArrayList<>();
        int i = 0;
        for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            String line = lines.get(i);
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                headers.set(headers.size() - 1, headers.get(headers.size() - 1) + line);
            } else {
                headers.add(line);
            }
        }
        return new Message(headers, String.join("\n", lines.subList(Math.min(i + 1, lines.size()), lines.size())));
    }

    /** RFC 2047 B words decoded; white space between two words is dropped, as the RFC says. */
    static String decode(String value) {
        String joined = value.replaceAll("\\?=\\s+=\\?UTF-8\\?B\\?", "?==?UTF-8?B?");
        Matcher m = WORD.matcher(joined);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(text, Matcher.quoteReplacement(
                    new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8)));
        }
        return m.appendTail(text).toString();
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Removes the users, their homes and mailboxes. */
    @Override
    public void close() throws Exception {
        for (String name : users) {
            run("userdel", "--remove", name);
            Files.deleteIfExists(SPOOL.resolve(name));
        }
    }
}
