package org.allocd.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The web portal, served on http_listen beside the API; read at start.
 *
 * @param url            the portal's address as browsers reach it, printed in login links; empty: http://http_listen/
 * @param trustedProxies addresses whose {@code userHeader} names the user (a single sign-on proxy); empty: none
 * @param userHeader     the header a trusted proxy sets to the signed-in user, e.g. REMOTE_USER
 * @param secureCookie   mark the session cookie Secure: the site serves the portal over TLS (a proxy in front)
 * @param idleMinutes    a session unused this long is closed
 * @param sessionHours   a session is closed this long after it opened, used or not
 */
public record PortalConfig(Optional<String> url, Set<InetAddress> trustedProxies, String userHeader,
        boolean secureCookie, long idleMinutes, long sessionHours) {
    public static final String DEFAULT_USER_HEADER = "REMOTE_USER";
    public static final long DEFAULT_IDLE_MINUTES = 30;
    public static final long DEFAULT_SESSION_HOURS = 12;
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-_]{1,64}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]{1,200}");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    public PortalConfig {
        Objects.requireNonNull(url, "url");
        trustedProxies = Set.copyOf(trustedProxies);
        Objects.requireNonNull(userHeader, "userHeader");
    }

    public static PortalConfig defaults() {
        return new PortalConfig(Optional.empty(), Set.of(), DEFAULT_USER_HEADER, false, DEFAULT_IDLE_MINUTES,
                DEFAULT_SESSION_HOURS);
    }

    static PortalConfig read(SectionReader global) {
        return new PortalConfig(global.optional("portal_url", address()),
                global.optional("portal_trusted_proxies", addresses()).orElse(Set.of()),
                global.value("portal_user_header", DEFAULT_USER_HEADER, headerName()),
                global.value("portal_secure_cookie", false, Values.bool()),
                global.value("portal_idle_minutes", DEFAULT_IDLE_MINUTES, Values.longInRange(1, 24 * 60)),
                global.value("portal_session_hours", DEFAULT_SESSION_HOURS, Values.longInRange(1, 7 * 24)));
    }

    private static ValueParser<String> address() {
        return text -> {
            if (!URL.matcher(text).matches()) {
                throw new IllegalArgumentException('"' + text + "\" is not an http(s) address; write e.g."
                        + " https://bank.example.org/ (the portal's address as browsers reach it)");
            }
            return text.endsWith("/") ? text : text + "/";
        };
    }

    /** IP addresses only: a host name would make a DNS answer decide who is trusted. */
    private static ValueParser<Set<InetAddress>> addresses() {
        return new ValueParser<>() {
            @Override
            public Set<InetAddress> parse(String text) {
                Set<InetAddress> addresses = new LinkedHashSet<>();
                for (String one : text.isEmpty() ? new String[0] : text.split(",", -1)) {
                    String address = one.strip();
                    if (!IP.matcher(address).matches()) {
                        throw new IllegalArgumentException('"' + address + "\" is not an IP address; list the proxies'"
                                + " addresses, e.g. 127.0.0.1, 10.0.0.5 (names are not accepted)");
                    }
                    try {
                        addresses.add(InetAddress.getByName(address));
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException('"' + address + "\" is not an IP address; write e.g. 10.0.0.5");
                    }
                }
                return Set.copyOf(addresses);
            }

            @Override
            public String text(Set<InetAddress> value) {
                return String.join(", ", value.stream().map(InetAddress::getHostAddress).sorted().toList());
            }
        };
    }

    private static ValueParser<String> headerName() {
        return text -> {
            if (!HEADER_NAME.matcher(text).matches()) {
                throw new IllegalArgumentException('"' + text + "\" is not an HTTP header name; write e.g. REMOTE_USER");
            }
            return text;
        };
    }
}
