package org.allocd.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nothing a description or note holds can add a header or break the message's shape. */
class MailMessageTest {
    private static List<String> headerLines(MailMessage m) {
        String text = new String(m.bytes(), StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\n\n")).lines().toList();
    }

    @Test
    void hostileSubjectStaysOneHeaderAndReadsBackTheSame() {
        String hostile = "Chem\r\nBcc: root\nSubject: pwned\u0085X-Evil: 1\u2028Cc: x\u0000\t end";
        MailMessage m = new MailMessage(null, "carol", hostile, "used:50\nBcc: root", "body\nBcc: root\n");
        List<String> headers = headerLines(m);
        assertEquals(1, headers.stream().filter(h -> h.startsWith("Subject:")).count(), headers.toString());
        assertFalse(headers.stream().anyMatch(h -> h.startsWith("Bcc:") || h.startsWith("X-Evil:") || h.startsWith("Cc:")),
                headers.toString());
        // Every header line is a header or the folded rest of one.
        assertTrue(headers.stream().allMatch(h -> h.startsWith(" ") || h.matches("[A-Za-z-]+: .*")), headers.toString());
        assertEquals("Chem Bcc: root Subject: pwned X-Evil: 1 Cc: x end", MailMessage.header(hostile));
    }

    @Test
    void nonAsciiIsEncodedWordsThatDecodeToTheText() {
        String text = "Chémie 化学 " + "ü".repeat(60);
        String header = MailMessage.header(text);
        assertTrue(header.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), header);
        assertTrue(header.lines().allMatch(l -> l.length() <= 76), header);
        assertEquals(text, LocalMail.decode(header.replace("\n", "")));
    }

    @Test
    void longHeadersAreCutAndBodiesKeepTheirLinesWithoutControlCharacters() {
        assertEquals(MailMessage.MAX_HEADER_CHARS, MailMessage.header("x".repeat(1000)).length());
        String emoji = LocalMail.decode(MailMessage.header("\uD83D\uDE00".repeat(300)).replace("\n", ""));
        assertEquals(MailMessage.MAX_HEADER_CHARS, emoji.codePointCount(0, emoji.length()));
        assertEquals("a\nb\nc\td\n", MailMessage.body("a\r\nb\rc\td\u0007"));
    }

    @Test
    void anAddressIsAUserNameOrUserAtDomainAndNothingElse() {
        assertThrows(IllegalArgumentException.class, () -> new MailMessage(null, "carol\nBcc: root", "s", "t", "b"));
        assertThrows(IllegalArgumentException.class, () -> new MailMessage(null, "carol, root", "s", "t", "b"));
        assertThrows(IllegalArgumentException.class, () -> new MailMessage("x@y z", "carol", "s", "t", "b"));
        assertTrue(MailMessage.isAddress("carol.b@mail.example.org"));
        assertFalse(MailMessage.isDomain("example.org\n"));
    }
}
