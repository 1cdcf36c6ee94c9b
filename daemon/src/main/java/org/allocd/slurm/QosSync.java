package org.allocd.slurm;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.allocd.ledger.Balance;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Short funds with slurmdbd: keeps each account's QOS limit in step with its available money. */
final class QosSync {
    private static final Logger log = LoggerFactory.getLogger(QosSync.class);

    private final QosLimits qos;
    private final Ledger ledger;
    private final IntSupplier billingPerUnit;
    /** Accounts whose QOS is known to exist; saves a sacctmgr call per round. */
    private final Set<String> known = new HashSet<>();

    /** billingPerUnit: qos_billing_per_unit, read at each sync (a reload may change it). */
    QosSync(QosLimits qos, Ledger ledger, IntSupplier billingPerUnit) {
        this.qos = qos;
        this.ledger = ledger;
        this.billingPerUnit = billingPerUnit;
    }

    void sync(String account) throws SlurmException {
        Balance balance = ledger.balance(account);
        if (!known.contains(account)) {
            if (qos.ensure(account)) {
                log.info("QOS {} is the default QOS of account {}", QosLimits.qosName(account), account);
            }
            known.add(account);
        }
        QosLimits.Usage usage;
        try {
            usage = qos.usage(account);
        } catch (SlurmException e) {
            // Perhaps an admin deleted the QOS: look again (and re-create it) next time.
            known.remove(account);
            throw e;
        }
        long limit = BillingMinutes.limit(usage.usedMinutes(), usage.runningMinutes(), balance.availableMicroSu(),
                billingPerUnit.getAsInt());
        if (limit != usage.limitMinutes()) {
            qos.setLimit(account, limit);
            log.info("QOS {}: GrpTRESMins=billing={} (used {}, running {}, available {} SU)",
                    QosLimits.qosName(account), limit, usage.usedMinutes(), usage.runningMinutes(),
                    MicroSu.format(balance.availableMicroSu()));
        }
    }

    void syncAll() throws SlurmException {
        sync(qos.accounts());
    }

    /** These accounts (and every account with an allocd QOS): creates the QOS of those that have none yet. */
    void sync(List<String> accounts) throws SlurmException {
        Set<String> all = new LinkedHashSet<>(qos.accounts());
        all.addAll(accounts);
        for (String account : all) {
            try {
                sync(account);
            } catch (LedgerException e) {
                log.warn("QOS {} left as it is: {}", QosLimits.qosName(account), e.getMessage());
            } catch (SlurmException e) {
                // An account the bank has and slurmdbd does not: nothing to limit there.
                log.info("QOS {} not set: {}", QosLimits.qosName(account), e.getMessage());
            }
        }
    }

    /** Leaving qos mode: no allocd QOS limits anything, and each account has its own default QOS back. */
    void restoreAll() throws SlurmException {
        for (String account : qos.accounts()) {
            if (qos.restore(account)) {
                log.info("QOS {}: limit removed and the default QOS of account {} given back (short_funds_mode is"
                        + " not qos)", QosLimits.qosName(account), account);
            }
        }
        known.clear();
    }
}
