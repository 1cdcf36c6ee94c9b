package org.allocd;

import java.util.Arrays;
import org.allocd.cli.Allocmgr;
import org.allocd.daemon.DaemonMain;
import org.allocd.daemon.MigrateStoreMain;
import org.allocd.daemon.SelfTest;

/** Entry point of the single jar: `daemon` runs allocd, `allocmgr` the admin CLI. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (command) {
            case "daemon" -> DaemonMain.run(rest);
            case "allocmgr" -> Allocmgr.main(rest);
            case "migrate-store" -> MigrateStoreMain.run(rest);
            case "self-test" -> SelfTest.run(rest);
            default -> {
                System.err.println("usage: java -jar allocd.jar daemon [--config FILE] [--check]");
                System.err.println("       java -jar allocd.jar allocmgr [options] VERB ... (allocmgr --help)");
                System.err.println("       java -jar allocd.jar migrate-store --from FILE --to CONF (--help)");
                System.err.println("       java -jar allocd.jar self-test   (starts allocd on a temporary store, pings it)");
                yield 2;
            }
        };
        // The daemon returns only once it has stopped; exit explicitly so no pool thread keeps the JVM up.
        System.exit(exit);
    }
}
