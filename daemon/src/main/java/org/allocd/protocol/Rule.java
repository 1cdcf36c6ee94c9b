package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.ledger.Role;

/**
 * Who may call an operation, and on what: the one rule every door (socket, HTTP) applies before the
 * operation's handler runs. Account rules name the request field that holds the account; their
 * refusal says what was asked, e.g. "a transfer from proj needs the admin role or coordinator of proj".
 */
public sealed interface Rule {
    /** Throws AccessDenied (or BadRequest for a missing field) unless the caller may make this request. */
    void check(Access access, Caller caller, ObjectNode request);

    /** Who may call, for help texts: "admin", "coordinator of account=", ... */
    String describe();

    /** Whether a caller with these roles may call it at all, in words; see the operations view. */
    String mayCall(Roles roles);

    /** The fields this rule reads are there; checked before any role, so a missing one is a bad request first. */
    default void requireFields(ObjectNode request) {}

    /** What a caller holds anywhere in the bank, enough to say which operations are open to them. */
    record Roles(boolean admin, boolean coordinator, boolean member) {}

    /** Anyone who reached the door; a view shows only the rows the caller's roles reach. */
    static Rule anyone(String note) {
        return new Anyone(note);
    }

    static Rule admin(String what) {
        return new Admin(what);
    }

    /** Admins, or a coordinator of the account in this field or of one above it. */
    static Rule coordinator(String field, String whatFormat) {
        return new OnAccount(field, Role.COORDINATOR, whatFormat);
    }

    /** Admins, coordinators above the account in this field, and its members. */
    static Rule member(String field, String whatFormat) {
        return new OnAccount(field, Role.MEMBER, whatFormat);
    }

    /** The user in this field is the caller (or the field is absent), else the other rule. */
    static Rule self(String field, Rule otherwise) {
        return new Self(field, otherwise);
    }

    /** One rule when the field is absent, another when it names something. */
    static Rule named(String field, Rule absent, Rule present) {
        return new Named(field, absent, present);
    }

    /** Both rules, their fields read first. */
    static Rule both(Rule first, Rule second) {
        return new Both(List.of(first, second));
    }

    record Anyone(String note) implements Rule {
        @Override
        public void check(Access access, Caller caller, ObjectNode request) {}

        @Override
        public String describe() {
            return note.isEmpty() ? "anyone" : "anyone (" + note + ")";
        }

        @Override
        public String mayCall(Roles roles) {
            return "yes";
        }
    }

    record Admin(String what) implements Rule {
        @Override
        public void check(Access access, Caller caller, ObjectNode request) {
            access.requireAdmin(caller, what);
        }

        @Override
        public String describe() {
            return "admin";
        }

        @Override
        public String mayCall(Roles roles) {
            return roles.admin() ? "yes" : "no";
        }
    }

    /** The account in this field, with at least this role over it (coordinator: of it or above it). */
    record OnAccount(String field, Role needed, String whatFormat) implements Rule {
        @Override
        public void check(Access access, Caller caller, ObjectNode request) {
            String account = Fields.text(request, field);
            String what = String.format(whatFormat, account);
            if (needed == Role.COORDINATOR) {
                access.requireCoordinator(caller, account, what);
            } else {
                access.requireReader(caller, account, what);
            }
        }

        @Override
        public void requireFields(ObjectNode request) {
            Fields.text(request, field);
        }

        @Override
        public String describe() {
            return needed == Role.COORDINATOR ? "admin or coordinator of " + field + "="
                    : "admin, coordinator above or member of " + field + "=";
        }

        @Override
        public String mayCall(Roles roles) {
            if (roles.admin()) {
                return "yes";
            }
            if (needed == Role.COORDINATOR) {
                return roles.coordinator() ? "on accounts you coordinate" : "no";
            }
            return roles.coordinator() || roles.member() ? "on accounts you belong to" : "no";
        }
    }

    record Self(String field, Rule otherwise) implements Rule {
        @Override
        public void check(Access access, Caller caller, ObjectNode request) {
            String user = Fields.optionalText(request, field);
            if (user != null && !user.equals(caller.user())) {
                otherwise.check(access, caller, request);
            }
        }

        @Override
        public String describe() {
            return "anyone for " + field + "= themselves; for another user: " + otherwise.describe();
        }

        @Override
        public String mayCall(Roles roles) {
            String others = otherwise.mayCall(roles);
            return others.equals("yes") ? "yes" : others.equals("no") ? "for yourself" : "for yourself, and " + others;
        }
    }

    record Named(String field, Rule absent, Rule present) implements Rule {
        @Override
        public void check(Access access, Caller caller, ObjectNode request) {
            (Fields.optionalText(request, field) == null ? absent : present).check(access, caller, request);
        }

        @Override
        public String describe() {
            return "without " + field + "=: " + absent.describe() + "; with it: " + present.describe();
        }

        @Override
        public String mayCall(Roles roles) {
            String whole = absent.mayCall(roles);
            String one = present.mayCall(roles);
            return whole.equals(one) ? whole : whole.equals("no") ? one : whole + " (all); " + one;
        }
    }

    record Both(List<Rule> rules) implements Rule {
        @Override
        public void check(Access access, Caller caller, ObjectNode request) {
            requireFields(request);
            rules.forEach(rule -> rule.check(access, caller, request));
        }

        @Override
        public void requireFields(ObjectNode request) {
            rules.forEach(rule -> rule.requireFields(request));
        }

        @Override
        public String describe() {
            return String.join(", and ", rules.stream().map(Rule::describe).toList());
        }

        @Override
        public String mayCall(Roles roles) {
            return rules.get(0).mayCall(roles);
        }
    }
}
