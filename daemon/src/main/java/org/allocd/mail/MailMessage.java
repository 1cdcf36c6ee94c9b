package org.allocd.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One plain-text mail as `sendmail -t` reads it: headers, a blank line, the body. Nothing given can
 * add a header: every header value has its line breaks and other control characters made spaces (so
 * a description "x\nBcc: y" stays one Subject), is cut to a bounded length and, if not ASCII, is
 * written as RFC 2047 encoded words; addresses must be plain user names or user@domain. The body is
 * UTF-8 (8bit) with its line breaks kept and other control characters dropped.
 *
 * @param from    the From address, or null to let the MTA write the sender's
 * @param to      the one recipient
 * @param subject one line of any text
 * @param tag     what the mail is, for filters (X-Allocd-Alert), any text
 * @param body    the text, lines separated by \n
 */
public record MailMessage(String from, String to, String subject, String tag, String body) {
    private static final String DOMAIN = "[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})*";
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}(@" + DOMAIN + ")?");
    private static final Pattern DOMAIN_NAME = Pattern.compile(DOMAIN);
    static final int MAX_HEADER_CHARS = 200;
    static final int MAX_BODY_CHARS = 64 * 1024;
    /** UTF-8 bytes per encoded word: 45 bytes make 60 base64 characters, 72 with "=?UTF-8?B?" and "?=". */
    private static final int WORD_BYTES = 45;

    public MailMessage {
        address("to", to);
        if (from != null) {
            address("from", from);
        }
    }

    /** Whether text is an address this class writes (a user name, or user@domain). */
    public static boolean isAddress(String text) {
        return text != null && text.length() <= 255 && ADDRESS.matcher(text).matches();
    }

    /** Whether text is a domain name this class puts after a user name. */
    public static boolean isDomain(String text) {
        return text != null && text.length() <= 190 && DOMAIN_NAME.matcher(text).matches();
    }

    private static void address(String what, String address) {
        if (!isAddress(address)) {
            throw new IllegalArgumentException(what + " address '" + address + "' is not a user name or user@domain");
        }
    }

    /** The message as sendmail -t reads it. */
    public byte[] bytes() {
        StringBuilder text = new StringBuilder();
        if (from != null) {
            text.append("From: ").append(from).append('\n');
        }
        text.append("To: ").append(to).append('\n');
        text.append("Subject: ").append(header(subject)).append('\n');
        text.append("X-Allocd-Alert: ").append(header(tag)).append('\n');
        text.append("Auto-Submitted: auto-generated\n");
        text.append("MIME-Version: 1.0\n");
        text.append("Content-Type: text/plain; charset=UTF-8\n");
        text.append("Content-Transfer-Encoding: 8bit\n\n");
        text.append(body(body));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One header value: a single line, bounded, ASCII or encoded words (folded between them). */
    static String header(String value) {
        String line = oneLine(value == null ? "" : value);
        if (line.codePointCount(0, line.length()) > MAX_HEADER_CHARS) {
            line = line.substring(0, line.offsetByCodePoints(0, MAX_HEADER_CHARS - 3)) + "...";
        }
        if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return line;
        }
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int bytes = character.getBytes(StandardCharsets.UTF_8).length;
            if (chunkBytes + bytes > WORD_BYTES) {
                words.add(encoded(chunk.toString()));
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.append(character);
            chunkBytes += bytes;
            i += Character.charCount(codePoint);
        }
        words.add(encoded(chunk.toString()));
        return String.join("\n ", words);
    }

    private static String encoded(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Every control or line-separating character a space, runs of spaces one, no space at either end. */
    public static String oneLine(String value) {
        StringBuilder line = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            boolean space = Character.isISOControl(c) || Character.isWhitespace(c) || c == 0x2028 || c == 0x2029;
            if (!space) {
                line.appendCodePoint(c);
            } else if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
                line.append(' ');
            }
        });
        return line.toString().strip();
    }

    /** The body with \n line breaks (CR LF and CR made \n), no other control character but tab, bounded. */
    static String body(String value) {
        String text = value.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_BODY_CHARS) + 1);
        text.codePoints().limit(MAX_BODY_CHARS).forEach(c -> {
            if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                clean.appendCodePoint(c);
            }
        });
        if (clean.length() == 0 || clean.charAt(clean.length() - 1) != '\n') {
            clean.append('\n');
        }
        return clean.toString();
    }
}
