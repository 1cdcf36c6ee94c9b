package org.allocd.billing;

/** A billing line already booked: one per account, month (YYYY-MM), meter and name. */
public record BilledLine(long accountId, String month, String meter, String name, String quantity,
        long amountMicroSu) {
}
