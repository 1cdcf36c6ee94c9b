package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short funds with slurmdbd: one QOS per account, allocd_ACCOUNT, whose
 * GrpTRESMins=billing limit follows the ledger. Slurm then shows
 * QOSGrpBillingMinutes itself, never kills a running job (safe), and the
 * block survives a slurmctld restart.
 */
final class QosLimits {
    static final String QOS_PREFIX = "allocd_";
    private static final Pattern USED = Pattern.compile("GrpTRESMins=\\S*?\\bbilling=[^(]*\\((\\d+)\\)");
    private static final Pattern RUNNING = Pattern.compile("GrpTRESRunMins=\\S*?\\bbilling=[^(]*\\((\\d+)\\)");
    private static final Pattern LIMIT = Pattern.compile("GrpTRESMins=\\S*?\\bbilling=([^(,]+)\\(");

    private final SlurmCommand sacctmgr;
    private final SlurmCommand scontrol;

    QosLimits(SlurmCommand sacctmgr, SlurmCommand scontrol) {
        this.sacctmgr = sacctmgr;
        this.scontrol = scontrol;
    }

    static String qosName(String account) {
        return QOS_PREFIX + account.toLowerCase(Locale.ROOT);
    }

    /** Slurm's view of the QOS: billing-minutes used, still reserved by running jobs, and the limit (-1 = none). */
    record Usage(long usedMinutes, long runningMinutes, long limitMinutes) {
        static Usage parse(String assocMgrText) {
            return new Usage(number(USED, assocMgrText), number(RUNNING, assocMgrText), limit(assocMgrText));
        }

        private static long number(Pattern p, String text) {
            Matcher m = p.matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("no billing TRES in scontrol's QOS record; is billing in"
                        + " AccountingStorageTRES? got: " + text.strip());
            }
            return Long.parseLong(m.group(1));
        }

        private static long limit(String text) {
            Matcher m = LIMIT.matcher(text);
            return m.find() && !m.group(1).equals("N") ? Long.parseLong(m.group(1)) : -1;
        }
    }

    /** Creates the QOS and makes it the account's default when it does not exist yet. */
    boolean ensure(String account) throws SlurmException {
        String qos = qosName(account);
        if (!sacctmgr.run("-n", "-P", "show", "qos", "where", "name=" + qos, "format=name").isBlank()) {
            return false;
        }
        // NoDecay: the limit is about money spent, which must not fade with time.
        sacctmgr.run("-i", "add", "qos", qos, "Flags=NoDecay", "Description=allocd short funds for " + account);
        sacctmgr.run("-i", "modify", "account", "where", "name=" + account.toLowerCase(Locale.ROOT), "set",
                "qos+=" + qos, "defaultqos=" + qos);
        return true;
    }

    Usage usage(String account) throws SlurmException {
        return Usage.parse(scontrol.run("show", "assoc_mgr", "flags=qos", "qos=" + qosName(account)));
    }

    void setLimit(String account, long limitMinutes) throws SlurmException {
        sacctmgr.run("-i", "modify", "qos", "where", "name=" + qosName(account), "set",
                "GrpTRESMins=billing=" + limitMinutes);
    }

    /** Accounts that have an allocd QOS. */
    List<String> accounts() throws SlurmException {
        List<String> accounts = new ArrayList<>();
        for (String name : sacctmgr.run("-n", "-P", "show", "qos", "format=name").split("\n")) {
            String n = name.strip();
            if (n.startsWith(QOS_PREFIX) && n.length() > QOS_PREFIX.length()) {
                accounts.add(n.substring(QOS_PREFIX.length()));
            }
        }
        return accounts;
    }
}
