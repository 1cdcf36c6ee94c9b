package org.allocd.ledger;

import org.allocd.ledger.Operation.AddMembership;
import org.allocd.ledger.Operation.AddUser;
import org.allocd.ledger.Operation.CreateAccount;
import org.allocd.ledger.Operation.ModifyAccount;
import org.allocd.ledger.Operation.MoveAccount;
import org.allocd.ledger.Operation.RemoveMembership;
import org.allocd.ledger.Operation.SetAccountState;
import org.allocd.ledger.Operation.SetDefaultAccount;

/** The account tree, users and memberships. Each change leaves an ADMIN line in the journal. */
final class AccountBook {
    private AccountBook() {}

    static OpResult create(Posting p, CreateAccount op) {
        String name = Checks.accountName(op.name());
        if (p.tx.account(name).isPresent()) {
            throw new LedgerException(Refusal.ALREADY_EXISTS, "account '" + name + "' already exists");
        }
        Long parentId = op.parent() == null ? null : Lookup.openAccount(p.tx, op.parent()).id();
        long credit = Checks.notNegative("credit limit", op.creditLimitMicroSu());
        long id = p.tx.insertAccount(name, parentId, Checks.text("description", op.description()),
                Checks.text("organization", op.organization()), credit, p.nowMillis);
        p.tx.insertAllocation(id, true, 0, 0, null, "pot", p.nowMillis);
        p.admin(id, null, "created account " + name + (op.parent() == null ? "" : " under " + op.parent()));
        return new OpResult(op.opKey(), 0, "created account " + name, false);
    }

    static OpResult modify(Posting p, ModifyAccount op) {
        Account a = Lookup.openAccount(p.tx, op.name());
        String description = op.description() == null ? a.description() : Checks.text("description", op.description());
        String organization = op.organization() == null ? a.organization()
                : Checks.text("organization", op.organization());
        long credit = op.creditLimitMicroSu() == null ? a.creditLimitMicroSu()
                : Checks.notNegative("credit limit", op.creditLimitMicroSu());
        p.tx.updateAccountDetails(a.id(), description, organization, credit);
        p.movement.available(a.id(), credit - a.creditLimitMicroSu());
        p.admin(a.id(), null, "modified account " + a.name() + ": description='" + description
                + "' organization='" + organization + "' credit_limit=" + MicroSu.format(credit));
        return new OpResult(op.opKey(), 0, "modified account " + a.name(), false);
    }

    /**
     * A new parent for an account; its subtree goes with it. Refused under itself or its own subtree (the tree
     * stays a tree). Its money and liens stay its own; what changes is whose subtree figures include it and which
     * coordinators above it hold authority over it.
     */
    static OpResult move(Posting p, MoveAccount op) {
        Account a = Lookup.openAccount(p.tx, op.name());
        Account parent = op.parent() == null ? null : Lookup.openAccount(p.tx, op.parent());
        Long parentId = parent == null ? null : parent.id();
        String from = a.parentId() == null ? "the top level" : p.tx.accountById(a.parentId()).map(Account::name)
                .orElse("the top level");
        String to = parent == null ? "the top level" : parent.name();
        if (java.util.Objects.equals(a.parentId(), parentId)) {
            return new OpResult(op.opKey(), 0, "account " + a.name() + " is already under " + to, false);
        }
        if (parent != null && p.tx.subtree(a.id()).stream().anyMatch(s -> s.id() == parent.id())) {
            throw Checks.invalid("account '" + parent.name() + "' is " + a.name() + " itself or below it; an"
                    + " account cannot be put under its own subtree");
        }
        p.tx.updateAccountParent(a.id(), parentId);
        p.admin(a.id(), null, "moved account " + a.name() + " from " + from + " to " + to);
        return new OpResult(op.opKey(), 0, "moved account " + a.name() + " from " + from + " to " + to, false);
    }

    static OpResult setState(Posting p, SetAccountState op) {
        Account a = Lookup.account(p.tx, op.name());
        if (op.state() == AccountState.CLOSED) {
            refuseCloseWithMoney(p, a);
        }
        p.tx.updateAccountState(a.id(), op.state());
        if (op.state() == AccountState.ACTIVE && a.state() != AccountState.ACTIVE) {
            p.movement.reopened(a.id());
        }
        p.admin(a.id(), null, "account " + a.name() + " is now " + op.state().sqlName());
        return new OpResult(op.opKey(), 0, "account " + a.name() + " is now " + op.state().sqlName(), false);
    }

    private static void refuseCloseWithMoney(Posting p, Account a) {
        if (a.balanceMicroSu() != 0) {
            throw new LedgerException(Refusal.CONFLICT, "account '" + a.name() + "' still holds "
                    + MicroSu.format(a.balanceMicroSu()) + " SU; withdraw or transfer it before closing");
        }
        if (a.lienedMicroSu() != 0) {
            throw new LedgerException(Refusal.CONFLICT, "account '" + a.name() + "' has open liens of "
                    + MicroSu.format(a.lienedMicroSu()) + " SU; wait for its running jobs to end before closing");
        }
        for (Account child : p.tx.children(a.id())) {
            if (child.state() != AccountState.CLOSED) {
                throw new LedgerException(Refusal.CONFLICT, "account '" + a.name() + "' has sub-account '"
                        + child.name() + "' still open; close it first");
            }
        }
    }

    static OpResult addUser(Posting p, AddUser op) {
        String name = Checks.userName(op.name());
        if (p.tx.user(name).isPresent()) {
            throw new LedgerException(Refusal.ALREADY_EXISTS, "user '" + name + "' already exists");
        }
        if (op.uid() != null && op.uid() < 0) {
            throw Checks.invalid("uid must not be negative, got " + op.uid());
        }
        Account defaultAccount = op.defaultAccount() == null ? null : Lookup.openAccount(p.tx, op.defaultAccount());
        long userId = p.tx.insertUser(name, op.uid(), defaultAccount == null ? null : defaultAccount.id(), p.nowMillis);
        if (defaultAccount != null) {
            p.tx.upsertMembership(new Membership(userId, defaultAccount.id(), Role.MEMBER, null));
        }
        p.admin(defaultAccount == null ? null : defaultAccount.id(), name, "added user " + name
                + (defaultAccount == null ? "" : " with default account " + defaultAccount.name()));
        return new OpResult(op.opKey(), 0, "added user " + name, false);
    }

    static OpResult setDefaultAccount(Posting p, SetDefaultAccount op) {
        User user = Lookup.user(p.tx, op.user());
        Account account = Lookup.openAccount(p.tx, op.account());
        Lookup.membership(p.tx, user, account);
        p.tx.updateDefaultAccount(user.id(), account.id());
        p.admin(account.id(), user.name(), "default account of " + user.name() + " is now " + account.name());
        return new OpResult(op.opKey(), 0, "default account of " + user.name() + " is " + account.name(), false);
    }

    static OpResult addMembership(Posting p, AddMembership op) {
        User user = Lookup.user(p.tx, op.user());
        Account account = Lookup.openAccount(p.tx, op.account());
        Long limit = op.limitMicroSu() == null ? null : Checks.notNegative("per-user limit", op.limitMicroSu());
        Role role = op.role() == null ? Role.MEMBER : op.role();
        LimitPeriod per = op.limitPer() == null ? LimitPeriod.TOTAL : op.limitPer();
        p.tx.upsertMembership(new Membership(user.id(), account.id(), role, limit, per));
        p.admin(account.id(), user.name(), user.name() + " is " + role.sqlName() + " of " + account.name()
                + (limit == null ? "" : " with limit " + MicroSu.format(limit) + " SU" + MemberUse.per(per)));
        return new OpResult(op.opKey(), 0, user.name() + " is " + role.sqlName() + " of " + account.name(), false);
    }

    static OpResult removeMembership(Posting p, RemoveMembership op) {
        User user = Lookup.user(p.tx, op.user());
        Account account = Lookup.account(p.tx, op.account());
        Lookup.membership(p.tx, user, account);
        p.tx.deleteMembership(user.id(), account.id());
        if (Long.valueOf(account.id()).equals(user.defaultAccountId())) {
            p.tx.updateDefaultAccount(user.id(), null);
        }
        p.admin(account.id(), user.name(), user.name() + " removed from " + account.name());
        return new OpResult(op.opKey(), 0, user.name() + " removed from " + account.name(), false);
    }
}
