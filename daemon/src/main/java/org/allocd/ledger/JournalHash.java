package org.allocd.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The journal's hash chain: SHA-256 over every field of an entry and the
 * previous entry's hash. Fields are length-prefixed so no note can shift them.
 */
public final class JournalHash {
    public static final String GENESIS = "0".repeat(64);

    private JournalHash() {}

    public static String of(JournalEntry e) {
        StringBuilder b = new StringBuilder(256);
        field(b, Long.toString(e.id()));
        field(b, Long.toString(e.atMillis()));
        field(b, e.kind().name());
        field(b, String.valueOf(e.accountId()));
        field(b, String.valueOf(e.allocationId()));
        field(b, String.valueOf(e.userName()));
        field(b, String.valueOf(e.jobKey()));
        field(b, Long.toString(e.amountMicroSu()));
        field(b, e.actor());
        field(b, e.note());
        field(b, e.opKey());
        field(b, e.prevHash());
        return sha256(b.toString());
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void field(StringBuilder b, String value) {
        b.append(value.length()).append(':').append(value).append('|');
    }
}
