package org.allocd;

/** Entry point of the single jar: `allocd` runs the daemon, `allocmgr` the CLI. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("allocd");
    }
}
