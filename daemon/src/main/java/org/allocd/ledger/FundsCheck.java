package org.allocd.ledger;

/**
 * The answer to "can this job be paid for?" at submit time: FITS now,
 * SHORT_NOW (fits the account, but not beside the liens of running jobs: wait),
 * or NEVER (more than the account holds even with nothing running).
 */
public record FundsCheck(Verdict verdict, String account, long neededMicroSu, long availableMicroSu) {
    public enum Verdict { FITS, SHORT_NOW, NEVER }

    public String message() {
        return switch (verdict) {
            case FITS -> "account " + account + " can pay " + MicroSu.format(neededMicroSu) + " SU";
            case SHORT_NOW -> "account " + account + " needs " + MicroSu.format(neededMicroSu) + " SU, has "
                    + MicroSu.format(availableMicroSu) + " available beside running jobs";
            case NEVER -> "account " + account + " needs " + MicroSu.format(neededMicroSu)
                    + " SU for this job but holds only " + MicroSu.format(Math.max(availableMicroSu, 0))
                    + " even with nothing running; ask for a deposit or shorten the time limit";
        };
    }
}
