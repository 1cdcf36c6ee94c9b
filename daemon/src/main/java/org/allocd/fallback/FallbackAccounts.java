package org.allocd.fallback;

import java.util.Optional;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.CoveringAccounts;
import org.allocd.ledger.Funds;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.User;

/**
 * Fallback accounts: when an account cannot cover a job, the job's lien and charge go to its fallback
 * (one level: a fallback has no fallback of its own) instead of the job being held.
 */
public final class FallbackAccounts implements CoveringAccounts {
    @Override
    public Optional<Account> covering(LedgerView view, Account account, long amountMicroSu, long nowMillis) {
        return view.rows(FallbackRows.class).fallbackOf(account.id())
                .flatMap(f -> view.accountById(f.fallbackAccountId()))
                .filter(f -> f.state() == AccountState.ACTIVE && amountMicroSu <= Funds.available(view, f, nowMillis));
    }

    @Override
    public Optional<Account> coveredBy(LedgerView view, User user, Account payer) {
        return view.rows(FallbackRows.class).accountsFallingBackTo(payer.id()).stream()
                .filter(a -> view.membership(user.id(), a.id()).isPresent()).findFirst();
    }

    /** The fallback that would take a job of this cost the account cannot cover: its name and forced QOS. */
    public Optional<Offer> offer(Ledger ledger, String accountName, long amountMicroSu) {
        long nowMillis = ledger.nowMillis();
        return ledger.read(view -> {
            Account a = Lookup.account(view, accountName);
            String qos = view.rows(FallbackRows.class).fallbackOf(a.id()).map(Fallback::qos).orElse(null);
            return covering(view, a, amountMicroSu, nowMillis).map(f -> new Offer(f.name(), qos));
        });
    }

    public record Offer(String account, String qos) {}
}
