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
    private static final String DESCRIPTION = "allocd short funds for ";
    private static final String DEFAULT_BEFORE = "; default qos before: ";
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

    /**
     * Creates the QOS when it does not exist yet and makes it the account's default QOS when it is not (again,
     * after hold mode gave the account its own back). The default QOS the account had before allocd's first is
     * kept in the QOS's description, so that leaving qos mode can give it back. Returns true when it changed.
     */
    boolean ensure(String account) throws SlurmException {
        String qos = qosName(account);
        String name = account.toLowerCase(Locale.ROOT);
        boolean exists = !sacctmgr.run("-n", "-P", "show", "qos", "where", "name=" + qos, "format=name").isBlank();
        String defaultQos = defaultQos(name);
        if (exists && defaultQos.equals(qos)) {
            return false;
        }
        if (!exists) {
            // NoDecay: the limit is about money spent, which must not fade with time.
            sacctmgr.run("-i", "add", "qos", qos, "Flags=NoDecay", "Description=" + DESCRIPTION + account
                    + DEFAULT_BEFORE + defaultQos);
        }
        sacctmgr.run("-i", "modify", "account", "where", "name=" + name, "set", "qos+=" + qos, "defaultqos=" + qos);
        return true;
    }

    /**
     * Leaving qos mode: the QOS no longer limits anything (its limit is removed) and the account's default QOS is
     * the one it had before allocd's. The QOS stays in the account's QOS list, where pending jobs that use it still
     * need it. Returns false when there was nothing to undo.
     */
    boolean restore(String account) throws SlurmException {
        String qos = qosName(account);
        String description = sacctmgr.run("-n", "-P", "show", "qos", "where", "name=" + qos,
                "format=description,grptresmins").strip();
        if (description.isEmpty()) {
            return false;
        }
        int at = description.indexOf(DEFAULT_BEFORE);
        int bar = description.lastIndexOf('|');
        String before = at < 0 || bar < at ? "" : description.substring(at + DEFAULT_BEFORE.length(), bar).strip();
        boolean limited = bar >= 0 && !description.substring(bar + 1).isBlank();
        String name = account.toLowerCase(Locale.ROOT);
        boolean isDefault = defaultQos(name).equals(qos);
        if (limited) {
            sacctmgr.run("-i", "modify", "qos", "where", "name=" + qos, "set", "GrpTRESMins=billing=-1");
        }
        if (isDefault) {
            sacctmgr.run("-i", "modify", "account", "where", "name=" + name, "set",
                    "defaultqos=" + (before.isEmpty() ? "-1" : before));
        }
        return limited || isDefault;
    }

    /** The default QOS of the account's own association (the one without a user); "" when it has none. */
    private String defaultQos(String account) throws SlurmException {
        for (String line : sacctmgr.run("-n", "-P", "show", "assoc", "where", "account=" + account,
                "format=user,defaultqos").split("\n")) {
            if (line.startsWith("|")) {
                return line.substring(1).strip();
            }
        }
        return "";
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
