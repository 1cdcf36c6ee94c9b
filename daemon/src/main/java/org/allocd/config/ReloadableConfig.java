package org.allocd.config;

import java.util.Objects;
import java.util.Set;
import org.allocd.charge.ChargeRates;

/**
 * The settings a SIGHUP may change while allocd runs. Read it fresh from {@link ConfigReloader#current()} for each
 * decision rather than keeping a copy, so a reload takes effect at once.
 *
 * @param chargeRates        partitions, QOS multipliers, charge policy and allow_overrun
 * @param admins             unix users allowed to run admin commands (root always is)
 * @param startFailureAction what the prolog does with a job its account can no longer cover
 * @param lienGraceSeconds   how long a lien outlives the job's time limit before it expires
 * @param alerts             alert command, near-expiry and run-out alerts, burn-rate forecast window
 * @param storageRateMicroSu SU per GB-month (in micro-SU) storage imports are priced at; 0 = not set
 * @param chargeReservations whether Slurm reservations naming one bank account are charged their idle time
 * @param qosBillingPerUnit  Slurm's billing of one unit under the sites' TRESBillingWeights (qos mode's limit)
 */
public record ReloadableConfig(ChargeRates chargeRates, Set<String> admins, int hookTimeoutMillis,
        HookFailPolicy hookFailPolicy, StartFailureAction startFailureAction, ShortFundsMode shortFundsMode,
        long lienGraceSeconds, LogLevel logLevel, AlertConfig alerts, long storageRateMicroSu,
        boolean chargeReservations, int qosBillingPerUnit) {

    public ReloadableConfig {
        Objects.requireNonNull(chargeRates, "chargeRates");
        admins = Set.copyOf(admins);
        Objects.requireNonNull(hookFailPolicy, "hookFailPolicy");
        Objects.requireNonNull(startFailureAction, "startFailureAction");
        Objects.requireNonNull(shortFundsMode, "shortFundsMode");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(alerts, "alerts");
    }
}
