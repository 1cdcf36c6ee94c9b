package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.LimitPeriod;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;

/**
 * The ledger operations of the admin writes on accounts, users, memberships and money, read from
 * the request's fields. Who may ask is the registry's rule, checked before these run.
 */
final class AdminWrites {
    private static final long MAX_MILLIS = 253_402_300_800_000L; // year 10000

    private AdminWrites() {}

    static Operation createAccount(ObjectNode r, String key, String actor) {
        return new Operation.CreateAccount(key, actor, Fields.text(r, "name"), Fields.optionalText(r, "parent"),
                Fields.optionalText(r, "description"), Fields.optionalText(r, "organization"),
                Fields.optionalNumber(r, "credit_limit_micro_su", 0, 0, MicroSu.MAX_AMOUNT));
    }

    static Operation modifyAccount(ObjectNode r, String key, String actor) {
        return new Operation.ModifyAccount(key, actor, Fields.text(r, "name"), Fields.optionalText(r, "description"),
                Fields.optionalText(r, "organization"),
                Fields.nullableNumber(r, "credit_limit_micro_su", 0, MicroSu.MAX_AMOUNT));
    }

    static Operation setAccountState(ObjectNode r, String key, String actor) {
        return new Operation.SetAccountState(key, actor, Fields.text(r, "name"),
                AccountState.parse(Fields.text(r, "state")));
    }

    static Operation moveAccount(ObjectNode r, String key, String actor) {
        return new Operation.MoveAccount(key, actor, Fields.text(r, "name"), Fields.optionalText(r, "parent"));
    }

    static Operation addUser(ObjectNode r, String key, String actor) {
        Long uid = Fields.nullableNumber(r, "uid", 0, Integer.MAX_VALUE);
        return new Operation.AddUser(key, actor, Fields.text(r, "name"), uid == null ? null : uid.intValue(),
                Fields.optionalText(r, "default_account"));
    }

    static Operation setDefaultAccount(ObjectNode r, String key, String actor) {
        return new Operation.SetDefaultAccount(key, actor, Fields.text(r, "user"), Fields.text(r, "account"));
    }

    static Operation addMembership(ObjectNode r, String key, String actor) {
        String account = Fields.text(r, "account");
        String role = Fields.optionalText(r, "role");
        String limitPer = Fields.optionalText(r, "limit_per");
        return new Operation.AddMembership(key, actor, Fields.text(r, "user"), account,
                role == null ? Role.MEMBER : Role.parse(role),
                Fields.nullableNumber(r, "limit_micro_su", 0, MicroSu.MAX_AMOUNT),
                limitPer == null ? null : LimitPeriod.parse(limitPer));
    }

    static Operation removeMembership(ObjectNode r, String key, String actor) {
        String account = Fields.text(r, "account");
        return new Operation.RemoveMembership(key, actor, Fields.text(r, "user"), account);
    }

    static Operation deposit(ObjectNode r, String key, String actor) {
        return new Operation.Deposit(key, actor, Fields.text(r, "account"), amount(r),
                Fields.nullableNumber(r, "starts_at_ms", 0, MAX_MILLIS), Fields.nullableNumber(r, "ends_at_ms", 0, MAX_MILLIS),
                Fields.optionalText(r, "note"));
    }

    static Operation withdraw(ObjectNode r, String key, String actor) {
        return new Operation.Withdraw(key, actor, Fields.text(r, "account"), amount(r), Fields.optionalText(r, "note"));
    }

    static Operation transfer(ObjectNode r, String key, String actor) {
        return new Operation.Transfer(key, actor, Fields.text(r, "from"), Fields.text(r, "to"), amount(r),
                Fields.optionalText(r, "note"));
    }

    static Operation adjust(ObjectNode r, String key, String actor) {
        return new Operation.Adjust(key, actor, Fields.text(r, "account"),
                Fields.number(r, "amount_micro_su", -MicroSu.MAX_AMOUNT, MicroSu.MAX_AMOUNT),
                Fields.optionalText(r, "note"), Fields.flag(r, "force", false));
    }

    /** jobKey: the job as the request named it, resolved to cluster/jobid/restart. */
    static Operation refund(String jobKey, ObjectNode r, String key, String actor) {
        return new Operation.Refund(key, actor, jobKey, Fields.optionalNumber(r, "amount_micro_su", 0, 0,
                MicroSu.MAX_AMOUNT), Fields.optionalText(r, "note"));
    }

    static Operation releaseLien(ObjectNode r, String key, String actor) {
        return new Operation.ReleaseLien(key, actor, Fields.text(r, "job"), Fields.optionalText(r, "note"));
    }

    private static long amount(ObjectNode r) {
        return Fields.number(r, "amount_micro_su", 1, MicroSu.MAX_AMOUNT);
    }
}
