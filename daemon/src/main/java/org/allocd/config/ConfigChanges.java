package org.allocd.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.allocd.charge.PartitionRates;

/** What differs between two configs, named by config key, for the one log line a reload writes. */
final class ConfigChanges {
    /** A restart-only key whose new value is not applied. */
    record Kept(String key, String runningValue, String fileValue) {}

    private static final Map<String, Function<RestartConfig, Object>> RESTART_KEYS = new LinkedHashMap<>();
    private static final Map<String, Function<ReloadableConfig, Object>> RELOADABLE_KEYS = new LinkedHashMap<>();
    private static final Map<String, Function<PartitionRates, Object>> PARTITION_KEYS = new LinkedHashMap<>();

    static {
        RESTART_KEYS.put("cluster_name", RestartConfig::clusterName);
        RESTART_KEYS.put("state_dir", RestartConfig::stateDir);
        RESTART_KEYS.put("database", RestartConfig::databaseFile);
        RESTART_KEYS.put("spool_dir", RestartConfig::spoolDir);
        RESTART_KEYS.put("store", RestartConfig::store);
        RESTART_KEYS.put("postgresql_url", config -> config.postgresql().map(PostgresqlConfig::url));
        RESTART_KEYS.put("postgresql_credentials_file",
                config -> config.postgresql().map(PostgresqlConfig::credentialsFile));
        RESTART_KEYS.put("hook_socket", RestartConfig::hookSocket);
        RESTART_KEYS.put("admin_socket", RestartConfig::adminSocket);
        RESTART_KEYS.put("socket_group", RestartConfig::socketGroup);
        RESTART_KEYS.put("slurm_user", RestartConfig::slurmUser);
        RESTART_KEYS.put("http_listen", RestartConfig::httpListen);
        RESTART_KEYS.put("api_keys_file", RestartConfig::apiKeysFile);
        RESTART_KEYS.put("admin_listen", config -> config.reach().adminListen());
        RESTART_KEYS.put("admin_listen_rate", config -> config.reach().adminListenRate());
        RESTART_KEYS.put("munge_socket", config -> config.reach().mungeSocket());
        RESTART_KEYS.put("ood_balance_file", config -> config.reach().oodBalanceFile());
        RESTART_KEYS.put("portal_url", config -> config.reach().portal().url());
        RESTART_KEYS.put("portal_trusted_proxies", config -> config.reach().portal().trustedProxies());
        RESTART_KEYS.put("portal_user_header", config -> config.reach().portal().userHeader());
        RESTART_KEYS.put("portal_secure_cookie", config -> config.reach().portal().secureCookie());
        RESTART_KEYS.put("portal_idle_minutes", config -> config.reach().portal().idleMinutes());
        RESTART_KEYS.put("portal_session_hours", config -> config.reach().portal().sessionHours());

        RELOADABLE_KEYS.put("charge_policy", config -> config.chargeRates().policy());
        RELOADABLE_KEYS.put("allow_overrun", config -> config.chargeRates().allowOverrun());
        RELOADABLE_KEYS.put("admins", config -> new TreeSet<>(config.admins()));
        RELOADABLE_KEYS.put("hook_timeout_ms", ReloadableConfig::hookTimeoutMillis);
        RELOADABLE_KEYS.put("hook_fail_policy", ReloadableConfig::hookFailPolicy);
        RELOADABLE_KEYS.put("start_failure_action", ReloadableConfig::startFailureAction);
        RELOADABLE_KEYS.put("short_funds_mode", ReloadableConfig::shortFundsMode);
        RELOADABLE_KEYS.put("lien_grace_seconds", ReloadableConfig::lienGraceSeconds);
        RELOADABLE_KEYS.put("log_level", ReloadableConfig::logLevel);
        RELOADABLE_KEYS.put("storage_rate", ReloadableConfig::storageRateMicroSu);
        RELOADABLE_KEYS.put("charge_reservations", ReloadableConfig::chargeReservations);
        RELOADABLE_KEYS.put("qos_billing_per_unit", ReloadableConfig::qosBillingPerUnit);
        RELOADABLE_KEYS.put("alert_command", config -> config.alerts().command());
        RELOADABLE_KEYS.put("alert_timeout_seconds", config -> config.alerts().timeoutSeconds());
        RELOADABLE_KEYS.put("alert_expiry_days", config -> config.alerts().expiryDays());
        RELOADABLE_KEYS.put("alert_runout_days", config -> config.alerts().runoutDays());
        RELOADABLE_KEYS.put("forecast_days", config -> config.alerts().forecastDays());
        RELOADABLE_KEYS.put("mail_program", config -> config.alerts().mailProgram());
        RELOADABLE_KEYS.put("mail_domain", config -> config.alerts().mailDomain());
        RELOADABLE_KEYS.put("mail_from", config -> config.alerts().mailFrom());
        RELOADABLE_KEYS.put("mail_timeout_seconds", config -> config.alerts().mailTimeoutSeconds());

        PARTITION_KEYS.put("mem_per_unit", PartitionRates::memPerUnitBytes);
        PARTITION_KEYS.put("cpus_per_unit", PartitionRates::cpusPerUnit);
        PARTITION_KEYS.put("units_per_node", PartitionRates::unitsPerNode);
        PARTITION_KEYS.put("rounding", PartitionRates::rounding);
        PARTITION_KEYS.put("rate", PartitionRates::multiplier);
        PARTITION_KEYS.put("max_time", PartitionRates::maxTimeLimitSeconds);
        PARTITION_KEYS.put("node_class", rates -> new TreeMap<>(rates.nodeClassMultipliers()));
        PARTITION_KEYS.put("node_charge_policy", PartitionRates::nodeChargePolicy);
    }

    private ConfigChanges() {}

    /** Restart-only keys that differ, in file-documentation order. */
    static List<Kept> restartOnly(RestartConfig running, RestartConfig file) {
        List<Kept> kept = new ArrayList<>();
        RESTART_KEYS.forEach((key, value) -> {
            Object runningValue = value.apply(running);
            Object fileValue = value.apply(file);
            if (!runningValue.equals(fileValue)) {
                kept.add(new Kept(key, render(runningValue), render(fileValue)));
            }
        });
        return kept;
    }

    /** Reloadable settings that differ, as "key old -> new" and "[partition NAME] key old -> new". */
    static List<String> reloadable(ReloadableConfig before, ReloadableConfig after) {
        List<String> changes = new ArrayList<>();
        RELOADABLE_KEYS.forEach((key, value) -> compare(key, value.apply(before), value.apply(after), changes));
        Map<String, PartitionRates> oldPartitions = new TreeMap<>(before.chargeRates().partitions());
        Map<String, PartitionRates> newPartitions = new TreeMap<>(after.chargeRates().partitions());
        for (String name : union(oldPartitions.keySet(), newPartitions.keySet())) {
            PartitionRates oldRates = oldPartitions.get(name);
            PartitionRates newRates = newPartitions.get(name);
            if (oldRates == null) {
                changes.add("[partition " + name + "] added");
            } else if (newRates == null) {
                changes.add("[partition " + name + "] removed");
            } else {
                PARTITION_KEYS.forEach((key, value) ->
                        compare("[partition " + name + "] " + key, value.apply(oldRates), value.apply(newRates), changes));
            }
        }
        Map<String, Object> oldQos = new TreeMap<>(before.chargeRates().qosMultipliers());
        Map<String, Object> newQos = new TreeMap<>(after.chargeRates().qosMultipliers());
        for (String name : union(oldQos.keySet(), newQos.keySet())) {
            compare("[qos] " + name, oldQos.getOrDefault(name, "(unset)"), newQos.getOrDefault(name, "(unset)"), changes);
        }
        return changes;
    }

    private static void compare(String key, Object before, Object after, List<String> changes) {
        if (!Objects.equals(before, after)) {
            changes.add(key + " " + render(before) + " -> " + render(after));
        }
    }

    private static TreeSet<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String render(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(String::valueOf).orElse("(unset)");
        }
        return String.valueOf(value);
    }
}
