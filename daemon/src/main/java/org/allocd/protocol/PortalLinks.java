package org.allocd.protocol;

/** Issues the web portal's one-time login links; the 'portal' op prints one for the caller. */
@FunctionalInterface
public interface PortalLinks {
    /** A link that opens a portal session as this user; valid briefly and once. */
    String linkFor(String user);

    /** When the portal is not served (http_listen empty): every request says how to turn it on. */
    PortalLinks OFF = user -> {
        throw new BadRequest("the web portal is off; set http_listen in allocd.conf and restart allocd");
    };
}
