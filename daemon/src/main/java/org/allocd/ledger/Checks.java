package org.allocd.ledger;

import java.util.Locale;
import java.util.regex.Pattern;

/** Argument checks shared by every book: each failure says what was wrong and how to fix it. */
public final class Checks {
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}");
    private static final int MAX_KEY_CHARS = 200;
    private static final int MAX_TEXT_CHARS = 1000;

    private Checks() {}

    /** Slurm lower-cases account names, so the bank does too. */
    public static String accountName(String name) {
        String normal = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!ACCOUNT_NAME.matcher(normal).matches()) {
            throw invalid("account name '" + name + "' is not valid; use 1-64 letters, digits, '_', '.' or '-'"
                    + " starting with a letter or digit");
        }
        return normal;
    }

    public static String userName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw invalid("user name '" + name + "' is not a valid unix user name");
        }
        return name;
    }

    public static String key(String what, String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_CHARS) {
            throw invalid(what + " must be 1-" + MAX_KEY_CHARS + " characters");
        }
        return key;
    }

    public static String text(String what, String text) {
        String value = text == null ? "" : text;
        if (value.length() > MAX_TEXT_CHARS) {
            throw invalid(what + " is longer than " + MAX_TEXT_CHARS + " characters; shorten it");
        }
        return value;
    }

    public static long positive(String what, long amountMicroSu) {
        if (amountMicroSu <= 0) {
            throw invalid(what + " must be more than zero, got " + MicroSu.format(amountMicroSu) + " SU");
        }
        return atMostMax(what, amountMicroSu);
    }

    public static long notNegative(String what, long amountMicroSu) {
        if (amountMicroSu < 0) {
            throw invalid(what + " must not be negative, got " + MicroSu.format(amountMicroSu) + " SU");
        }
        return atMostMax(what, amountMicroSu);
    }

    public static long atMostMax(String what, long amountMicroSu) {
        if (Math.abs(amountMicroSu) > MicroSu.MAX_AMOUNT) {
            throw invalid(what + " " + MicroSu.format(amountMicroSu) + " SU is larger than the "
                    + MicroSu.format(MicroSu.MAX_AMOUNT) + " SU one operation may move");
        }
        return amountMicroSu;
    }

    public static LedgerException invalid(String message) {
        return new LedgerException(Refusal.INVALID_ARGUMENT, message);
    }
}
