package org.allocd.access;

import java.util.Set;
import java.util.function.Supplier;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.Role;

/**
 * Who may do what: admins (root and the configured admins) everything;
 * coordinators manage their account's subtree; members read their own
 * accounts. Each refusal names the role that is needed.
 */
public final class Access {
    private final Ledger ledger;
    private final Supplier<Set<String>> admins;
    private final UnixUsers unixUsers;

    public Access(Ledger ledger, Supplier<Set<String>> admins, UnixUsers unixUsers) {
        this.ledger = ledger;
        this.admins = admins;
        this.unixUsers = unixUsers;
    }

    /** A peer on the admin socket, by its kernel-reported uid. */
    public Caller byUid(int uid) {
        String name = unixUsers.name(uid).orElse("uid" + uid);
        return new Caller(name, uid == 0 || admins.get().contains(name));
    }

    /** A caller authenticated by an API key that belongs to this user; root is an admin here too. */
    public Caller byName(String user) {
        return new Caller(user, user.equals("root") || admins.get().contains(user));
    }

    public void requireAdmin(Caller caller, String what) {
        if (!caller.admin()) {
            throw new AccessDenied(what + " needs the admin role; " + caller.user() + " is not an admin");
        }
    }

    /** Admins, or a coordinator of the account or of an account above it. */
    public void requireCoordinator(Caller caller, String account, String what) {
        if (!caller.admin() && ledger.authority(caller.user(), account).orElse(null) != Role.COORDINATOR) {
            throw new AccessDenied(what + " needs the admin role or coordinator of " + account + "; "
                    + caller.user() + " is neither");
        }
    }

    /** Admins, coordinators above it, and members of the account. */
    public void requireReader(Caller caller, String account, String what) {
        if (!caller.admin() && ledger.authority(caller.user(), account).isEmpty()) {
            throw new AccessDenied(what + " needs membership of " + account + " (or coordinator above it, or admin); "
                    + caller.user() + " has none");
        }
    }
}
