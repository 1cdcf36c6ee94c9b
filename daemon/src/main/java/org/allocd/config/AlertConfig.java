package org.allocd.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.allocd.mail.MailMessage;

/**
 * Alerts, their mail and the burn-rate forecast (reloadable).
 *
 * @param command            executable run once per alert, without a shell, the alert as JSON on stdin; empty = none
 * @param timeoutSeconds     how long one run of the command may take before it is killed (and retried later)
 * @param expiryDays         alert this many days before an allocation with money left ends; 0 = off
 * @param runoutDays         alert when the forecast says the account runs out within this many days; 0 = off
 * @param forecastDays       the days of charges the burn rate is measured over
 * @param mailProgram        the MTA's sendmail, run as `PROGRAM -t -oi`; empty = alerts are not mailed
 * @param mailDomain         appended to user names to make addresses (user@domain); empty = bare user names
 * @param mailFrom           the From address; empty = the MTA writes allocd's own user
 * @param mailTimeoutSeconds how long one run of the mail program may take before it is killed (and retried later)
 */
public record AlertConfig(Optional<Path> command, long timeoutSeconds, long expiryDays, long runoutDays,
        long forecastDays, Optional<Path> mailProgram, Optional<String> mailDomain, Optional<String> mailFrom,
        long mailTimeoutSeconds) {
    public static final long DEFAULT_TIMEOUT_SECONDS = 10;
    public static final long DEFAULT_EXPIRY_DAYS = 14;
    public static final long DEFAULT_FORECAST_DAYS = 14;
    static final long MAX_TIMEOUT_SECONDS = 600;
    static final long MAX_DAYS = 366;

    public AlertConfig {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(mailProgram, "mailProgram");
        Objects.requireNonNull(mailDomain, "mailDomain");
        Objects.requireNonNull(mailFrom, "mailFrom");
    }

    public static AlertConfig defaults() {
        return new AlertConfig(Optional.empty(), DEFAULT_TIMEOUT_SECONDS, DEFAULT_EXPIRY_DAYS, 0,
                DEFAULT_FORECAST_DAYS, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT_SECONDS);
    }

    /** Whether alerts go anywhere: a command or mail. */
    public boolean delivers() {
        return command.isPresent() || mailProgram.isPresent();
    }

    /** Reads the alert keys of the global section. */
    static AlertConfig read(SectionReader global) {
        return new AlertConfig(global.optional("alert_command", Values.absolutePath()),
                global.value("alert_timeout_seconds", DEFAULT_TIMEOUT_SECONDS, Values.longInRange(1, MAX_TIMEOUT_SECONDS)),
                global.value("alert_expiry_days", DEFAULT_EXPIRY_DAYS, Values.longInRange(0, MAX_DAYS)),
                global.value("alert_runout_days", 0L, Values.longInRange(0, MAX_DAYS)),
                global.value("forecast_days", DEFAULT_FORECAST_DAYS, Values.longInRange(1, MAX_DAYS)),
                global.optional("mail_program", Values.absolutePath()),
                global.optional("mail_domain", matching(MailMessage::isDomain, "a mail domain such as example.org")),
                global.optional("mail_from", matching(MailMessage::isAddress, "an address such as allocd@example.org, or a user name")),
                global.value("mail_timeout_seconds", DEFAULT_TIMEOUT_SECONDS, Values.longInRange(1, MAX_TIMEOUT_SECONDS)));
    }

    private static ValueParser<String> matching(Predicate<String> valid, String example) {
        return text -> {
            if (!valid.test(text)) {
                throw new IllegalArgumentException('"' + text + "\" is not " + example);
            }
            return text;
        };
    }
}
