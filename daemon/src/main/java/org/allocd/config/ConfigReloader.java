package org.allocd.config;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Holds the running config and reloads it on SIGHUP ({@code systemctl reload allocd}). A file with any error is
 * refused whole and the running config stays; a good file swaps the reloadable part in one atomic step. Restart-only
 * keys keep their start values until allocd restarts.
 */
public final class ConfigReloader {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final RestartConfig restart;
    private final AtomicReference<ReloadableConfig> current;
    private final List<Runnable> afterReload = new CopyOnWriteArrayList<>();

    /** Takes over the config loaded at start and applies its log level. */
    public ConfigReloader(Path file, AllocdConfig initial) {
        this.file = file;
        this.restart = initial.restart();
        this.current = new AtomicReference<>(initial.reloadable());
        LogLevels.apply(initial.reloadable().logLevel());
    }

    /** The settings in effect now; read it for each decision, do not keep it. */
    public ReloadableConfig current() {
        return current.get();
    }

    /** The settings allocd started with; they never change while it runs. */
    public RestartConfig restart() {
        return restart;
    }

    /** Runs after every successful reload (e.g. re-reading the API keys file, which SIGHUP also covers). */
    public void afterReload(Runnable action) {
        afterReload.add(action);
    }

    /**
     * Makes SIGHUP call {@link #reload()}; replaces the JVM's default SIGHUP action, which is to exit. False when
     * this process was started with SIGHUP ignored (nohup): the JVM then keeps it ignored and installs nothing.
     */
    public boolean reloadOnSighup() {
        if (Signal.handle(new Signal("HUP"), signal -> reload()) == SignalHandler.SIG_IGN) {
            log.warn("SIGHUP is ignored by this process (started under nohup?), so it cannot reload {}: restart"
                    + " allocd to apply a change, or start it without nohup (systemd does)", file);
            return false;
        }
        log.debug("SIGHUP reloads {}", file);
        return true;
    }

    /** Re-reads and re-validates the file and applies it when valid. Synchronized: two quick SIGHUPs apply in order. */
    public synchronized ReloadResult reload() {
        AllocdConfig loaded;
        try {
            loaded = ConfigLoader.load(file);
        } catch (ConfigException refused) {
            log.error("config reload refused, keeping the running config: {} error(s) in {}", refused.errors().size(), file);
            refused.errors().forEach(error -> log.error("{}", error));
            return new ReloadResult(false, List.of(), List.of(), refused.errors());
        }
        List<ConfigChanges.Kept> kept = ConfigChanges.restartOnly(restart, loaded.restart());
        kept.forEach(k -> log.warn("{} = {} in {} needs a restart; keeping {}", k.key(), k.fileValue(), file,
                k.runningValue()));

        ReloadableConfig before = current.getAndSet(loaded.reloadable());
        List<String> changes = ConfigChanges.reloadable(before, loaded.reloadable());
        if (before.logLevel() != loaded.reloadable().logLevel()) {
            LogLevels.apply(loaded.reloadable().logLevel());
        }
        log.info("config reloaded from {}: {}", file, changes.isEmpty() ? "no changes" : String.join(", ", changes));
        afterReload.forEach(Runnable::run);
        return new ReloadResult(true, changes, kept.stream().map(ConfigChanges.Kept::key).toList(), List.of());
    }
}
