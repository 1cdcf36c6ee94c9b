package org.allocd.ledger;

/** An account as stored; balance and liened are caches of the journal (see Verifier). */
public record Account(long id, String name, Long parentId, AccountState state, String description,
        String organization, long creditLimitMicroSu, long balanceMicroSu, long lienedMicroSu) {
}
