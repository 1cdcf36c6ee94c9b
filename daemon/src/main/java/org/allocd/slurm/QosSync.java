package org.allocd.slurm;

import java.util.HashSet;
import java.util.Set;
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
    /** Accounts whose QOS is known to exist; saves a sacctmgr call per round. */
    private final Set<String> known = new HashSet<>();

    QosSync(QosLimits qos, Ledger ledger) {
        this.qos = qos;
        this.ledger = ledger;
    }

    void sync(String account) throws SlurmException {
        Balance balance = ledger.balance(account);
        if (!known.contains(account)) {
            if (qos.ensure(account)) {
                log.info("created QOS {} as the default QOS of account {}", QosLimits.qosName(account), account);
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
        long limit = BillingMinutes.limit(usage.usedMinutes(), usage.runningMinutes(), balance.availableMicroSu());
        if (limit != usage.limitMinutes()) {
            qos.setLimit(account, limit);
            log.info("QOS {}: GrpTRESMins=billing={} (used {}, running {}, available {} SU)",
                    QosLimits.qosName(account), limit, usage.usedMinutes(), usage.runningMinutes(),
                    MicroSu.format(balance.availableMicroSu()));
        }
    }

    void syncAll() throws SlurmException {
        for (String account : qos.accounts()) {
            try {
                sync(account);
            } catch (LedgerException e) {
                log.warn("QOS {} left as it is: {}", QosLimits.qosName(account), e.getMessage());
            }
        }
    }
}
