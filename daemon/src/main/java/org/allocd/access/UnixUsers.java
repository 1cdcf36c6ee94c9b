package org.allocd.access;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Maps a peer's uid to its user name through the C library, so site
 * directories (LDAP, SSSD) answer as they do for every other tool.
 */
public final class UnixUsers implements UserNames {
    private interface LibC extends Library {
        /** struct passwd starts with char *pw_name on every POSIX system. */
        Pointer getpwuid(int uid);

        Pointer getpwnam(String name);
    }

    /** Offset of pw_uid in struct passwd: after pw_name and pw_passwd, two pointers. */
    private static final long UID_OFFSET = 2L * Native.POINTER_SIZE;

    private static final long CACHE_MILLIS = 60_000;
    private static final LibC LIBC = Native.load("c", LibC.class);

    private record Entry(Optional<String> name, long atMillis) {}

    private final ConcurrentMap<Integer, Entry> cache = new ConcurrentHashMap<>();

    @Override
    public Optional<String> name(int uid) {
        long now = System.currentTimeMillis();
        Entry e = cache.get(uid);
        if (e == null || now - e.atMillis() > CACHE_MILLIS) {
            e = new Entry(lookup(uid), now);
            cache.put(uid, e);
        }
        return e.name();
    }

    @Override
    public Optional<String> cached(int uid) {
        Entry e = cache.get(uid);
        return e == null || System.currentTimeMillis() - e.atMillis() > CACHE_MILLIS ? Optional.empty() : e.name();
    }

    /** The uid of a user name, for the peer policy of the hook socket. */
    public static synchronized Optional<Integer> uid(String name) {
        Pointer passwd = LIBC.getpwnam(name);
        return passwd == null ? Optional.empty() : Optional.of(passwd.getInt(UID_OFFSET));
    }

    // getpwuid and getpwnam return one static buffer: one caller at a time.
    private static synchronized Optional<String> lookup(int uid) {
        Pointer passwd = LIBC.getpwuid(uid);
        return passwd == null ? Optional.empty() : Optional.of(passwd.getPointer(0).getString(0));
    }
}
