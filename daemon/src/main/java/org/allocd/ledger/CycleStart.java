package org.allocd.ledger;

import java.time.ZoneId;

/** When an account's current allocation cycle began, and the zone its periods are counted in (for its date). */
public record CycleStart(long startsAtMillis, ZoneId zone) {}
