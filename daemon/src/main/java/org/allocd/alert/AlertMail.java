package org.allocd.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.allocd.config.AlertConfig;
import org.allocd.figures.Figures;
import org.allocd.ledger.MicroSu;
import org.allocd.mail.MailMessage;

/**
 * The mail of one alert to one user: the alert's sentence, then the account's figures under the names
 * `allocmgr balance` gives its columns, with the same values, and how to change or stop these mails.
 */
final class AlertMail {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertMail() {}

    /** The user's address: their name, at mail_domain when one is set. */
    static String address(String user, AlertConfig settings) {
        return settings.mailDomain().map(domain -> user + "@" + domain).orElse(user);
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
            body.append("Project: ").append(description).append('\n');
        }
        body.append("As of:   ").append(MINUTE.format(Instant.ofEpochMilli(s.nowMillis()))).append("\n\n");
        body.append("As `allocmgr balance ").append(account).append("` shows it (SU; money out is negative):\n");
        line(body, "Deposited", f.depositedMicroSu());
        line(body, "Withdrawn", f.withdrawnMicroSu());
        line(body, "TransferIn", f.transferredInMicroSu());
        line(body, "TransferOut", f.transferredOutMicroSu());
        line(body, "Charged", f.chargedMicroSu());
        line(body, "Refunded", f.refundedMicroSu());
        line(body, "Adjusted", f.adjustedMicroSu());
        line(body, "Expired", f.expiredMicroSu());
        line(body, "Billed", f.billedMicroSu());
        line(body, "Balance", f.balanceMicroSu());
        line(body, "Liened", f.openLiensMicroSu());
        line(body, "CreditLimit", f.creditLimitMicroSu());
        line(body, "Available", f.availableMicroSu());
        body.append("  Forecast: ").append(s.outlook().text()).append('\n');
        if (s.usedPercent() != null) {
            body.append("\nUsed of the allocations active since ")
                    .append(MINUTE.format(Instant.ofEpochMilli(s.activeSinceMillis()))).append(": ")
                    .append(s.usedPercent()).append("% (").append(MicroSu.format(s.usedMicroSu())).append(" of ")
                    .append(MicroSu.format(s.fundedMicroSu())).append(" SU charged or liened)\n");
        }
        body.append("\nYou get this mail because ").append(why).append(".\n")
                .append("Your own thresholds: allocmgr notify thresholds=80,95   No more mail: allocmgr notify mail=no\n");
        return new MailMessage(settings.mailFrom().orElse(null), address(user, settings), subject,
                alert.key() + " " + account, body.toString());
    }

    private static void line(StringBuilder body, String label, long amountMicroSu) {
        body.append(String.format("  %-12s %20s\n", label, MicroSu.format(amountMicroSu)));
    }
}
