package org.allocd.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.allocd.config.AlertConfig;
import org.allocd.figures.Figures;
import org.allocd.ledger.MemberUse;
import org.allocd.ledger.MicroSu;
import org.allocd.mail.MailMessage;

/**
 * The mail of one alert to one user: the alert's sentence, then the account's figures under the names
 * `allocmgr balance` gives its columns, with the same values, and how to change or stop these mails.
 */
final class AlertMail {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** allocmgr balance's money columns, named as its header names them, in its order. */
    private static final List<Map.Entry<String, Function<Figures, Long>>> COLUMNS = List.of(
            Map.entry("Deposited", Figures::depositedMicroSu), Map.entry("Withdrawn", Figures::withdrawnMicroSu),
            Map.entry("TransferIn", Figures::transferredInMicroSu),
            Map.entry("TransferOut", Figures::transferredOutMicroSu), Map.entry("Charged", Figures::chargedMicroSu),
            Map.entry("Refunded", Figures::refundedMicroSu), Map.entry("Adjusted", Figures::adjustedMicroSu),
            Map.entry("Expired", Figures::expiredMicroSu), Map.entry("Billed", Figures::billedMicroSu),
            Map.entry("Balance", Figures::balanceMicroSu), Map.entry("Liened", Figures::openLiensMicroSu),
            Map.entry("CreditLimit", Figures::creditLimitMicroSu), Map.entry("Available", Figures::availableMicroSu));

    private static final String SETTINGS =
            "Your own thresholds: allocmgr notify thresholds=80,95   No more mail: allocmgr notify mail=no\n";

    private AlertMail() {}

    /** The user's address: their name, at mail_domain when one is set. */
    static String address(String user, AlertConfig settings) {
        return settings.mailDomain().map(domain -> user + "@" + domain).orElse(user);
    }

    /**
     * The mail of a member's per-user limit alert: their use and limit as `allocmgr show membership` shows them
     * (the same MemberUse), and what to do. why: the reason this user gets it.
     */
    static MailMessage ofLimit(Alert alert, MemberUse use, String user, String why, long nowMillis,
            AlertConfig settings) {
        StringBuilder body = new StringBuilder();
        body.append("Hello ").append(user).append(",\n\n").append(alert.message()).append(".\n\n");
        body.append("Account: ").append(use.account()).append('\n').append("Member:  ").append(use.user()).append('\n');
        body.append("As of:   ").append(MINUTE.format(Instant.ofEpochMilli(nowMillis))).append("\n\n");
        body.append("As `allocmgr show membership account=").append(use.account()).append(" user=")
                .append(use.user()).append("` shows it (SU):\n");
        body.append(String.format("  %-12s %20s\n", "Used", MicroSu.format(use.usedMicroSu())));
        body.append(String.format("  %-12s %20s\n", "Limit", MicroSu.format(use.limitMicroSu())));
        body.append("  Counts: ").append(use.periodText()).append("\n\n");
        body.append("Jobs that would take ").append(use.user()).append(" past the limit are refused at submit; a"
                + " coordinator of ").append(use.account()).append(" can raise it: allocmgr modify membership user=")
                .append(use.user()).append(" account=").append(use.account()).append(" limit=SU\n");
        body.append("\nYou get this mail because ").append(why).append(".\n").append(SETTINGS);
        return new MailMessage(settings.mailFrom().orElse(null), address(user, settings), "allocd: "
                + alert.message(), alert.key() + " " + use.account(), body.toString());
    }

    /** why: the reason this user gets it ("you coordinate proj", "you set your own thresholds"). */
    static MailMessage of(Alert alert, Standing s, String user, String why, AlertConfig settings) {
        String account = s.account().name();
        String description = s.account().description();
        String subject = "allocd: " + alert.message()
                + (description == null || description.isBlank() ? "" : " (" + description + ")");
        Figures f = s.balance();
        StringBuilder body = new StringBuilder();
        body.append("Hello ").append(user).append(",\n\n").append(alert.message()).append(".\n\n");
        body.append("Account: ").append(account).append(" and every account below it\n");
        if (description != null && !description.isBlank()) {
            // One line, so that no line of a description can pass for a header to the reader.
            body.append("Project: ").append(MailMessage.oneLine(description)).append('\n');
        }
        body.append("As of:   ").append(MINUTE.format(Instant.ofEpochMilli(s.nowMillis()))).append("\n\n");
        body.append("As `allocmgr balance ").append(account).append("` shows it (SU; money out is negative):\n");
        for (Map.Entry<String, Function<Figures, Long>> column : COLUMNS) {
            body.append(String.format("  %-12s %20s\n", column.getKey(), MicroSu.format(column.getValue().apply(f))));
        }
        body.append("  Forecast: ").append(s.outlook().text()).append('\n');
        if (s.usedPercent() != null) {
            body.append("\nUsed of the allocations active since ")
                    .append(MINUTE.format(Instant.ofEpochMilli(s.activeSinceMillis()))).append(": ")
                    .append(s.usedPercent()).append("% (").append(MicroSu.format(s.usedMicroSu())).append(" of ")
                    .append(MicroSu.format(s.fundedMicroSu())).append(" SU charged or liened)\n");
        }
        body.append("\nYou get this mail because ").append(why).append(".\n").append(SETTINGS);
        return new MailMessage(settings.mailFrom().orElse(null), address(user, settings), subject,
                alert.key() + " " + account, body.toString());
    }
}
