package org.allocd.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.allocd.config.AllocdConfig;
import org.allocd.config.ConfigException;
import org.allocd.config.ConfigLoader;
import org.allocd.config.ConfigReloader;
import org.allocd.systemd.SystemdNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** `allocd [--config FILE] [--check]`: starts the daemon and runs until SIGTERM. */
public final class DaemonMain {
    private static final Logger log = LoggerFactory.getLogger(DaemonMain.class);
    /** EX_CONFIG: the unit does not restart on it; the admin has to fix the file. */
    static final int EXIT_CONFIG = 78;
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 1;

    private DaemonMain() {}

    public static int run(String[] args) {
        Path configFile = ConfigLoader.DEFAULT_CONFIG_FILE;
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 == args.length) {
                        return usage("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check" -> checkOnly = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                default -> {
                    return usage("unknown argument '" + args[i] + "'");
                }
            }
        }
        AllocdConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return EXIT_CONFIG;
        }
        if (checkOnly) {
            System.out.println(configFile + ": ok");
            return 0;
        }
        return serve(configFile, config);
    }

    private static int serve(Path configFile, AllocdConfig config) {
        long startNanos = System.nanoTime();
        log.info("{}", config.effective().text());
        ConfigReloader reloader = new ConfigReloader(configFile, config);
        SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
        Daemon daemon;
        try {
            daemon = Daemon.start(reloader, Clock.systemUTC());
        } catch (Exception e) {
            log.error("allocd could not start: {}", e.getMessage());
            systemd.close();
            return EXIT_FAILED;
        }
        reloader.reloadOnSighup();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("allocd stopping");
            systemd.stopping();
            daemon.close();
            systemd.close();
            log.info("allocd stopped");
            // Lines are written by logback's background thread: flush them before the JVM ends.
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
                logging.stop();
            }
            stopped.countDown();
        }, "allocd-stop"));
        var restart = reloader.restart();
        String status = "serving cluster " + restart.clusterName() + " on " + restart.hookSocket() + " and "
                + restart.adminSocket();
        systemd.ready();
        systemd.status(status);
        log.info("allocd ready in {} ms: {}, ledger {}", (System.nanoTime() - startNanos) / 1_000_000, status,
                Daemon.storeLocation(restart).describe());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("allocd: " + problem + "\n" + USAGE);
        return EXIT_USAGE;
    }

    private static final String USAGE = """
            usage: allocd [--config FILE] [--check]
              --config FILE  the configuration (default /etc/allocd/allocd.conf)
              --check        validate the configuration and exit (0 = valid, 78 = errors, listed)
            Runs until SIGTERM; SIGHUP reloads rates, policies, admins, timeouts and log level.""";
}
