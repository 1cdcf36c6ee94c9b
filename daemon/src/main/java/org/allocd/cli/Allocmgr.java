package org.allocd.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.allocd.munge.Munge;
import org.allocd.munge.MungeException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * allocmgr: the sacctmgr-shaped admin CLI. picocli parses options, verbs and
 * entities and writes every --help; the key=value tail is checked per verb by
 * Words. Exit codes: 0 done, 1 refused (by the daemon, or not confirmed, or
 * daemon unreachable), 2 usage.
 */
public final class Allocmgr {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    static final String DEFAULT_SOCKET = "/run/allocd/admin.sock";
    private static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final boolean terminal;
    private final Map<String, String> env;
    private final ZoneId zone;

    public Allocmgr(PrintWriter out, PrintWriter err, BufferedReader in, boolean terminal, Map<String, String> env,
            ZoneId zone) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.terminal = terminal;
        this.env = env;
        this.zone = zone;
    }

    /** The `allocmgr` command of the jar, on the process's own streams. */
    public static int main(String[] args) {
        return new Allocmgr(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.console() != null, System.getenv(), ZoneId.systemDefault()).run(args);
    }

    public int run(String... args) {
        CommandLine root = commandLine(List.of(args));
        ParseResult parsed;
        try {
            parsed = root.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("allocmgr: " + e.getMessage());
            err.println("see 'allocmgr --help' or 'allocmgr VERB --help'");
            err.flush();
            return USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return OK;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        if (!(leaf.getCommandSpec().userObject() instanceof Verbs.Verb verb)) {
            err.println("allocmgr: " + (leaf == root ? "give a verb" : "give what to " + leaf.getCommandName()
                    + ": " + String.join(", ", leaf.getSubcommands().keySet())));
            leaf.usage(err);
            err.flush();
            return USAGE;
        }
        ParseResult leafResult = parsed;
        while (leafResult.hasSubcommand()) {
            leafResult = leafResult.subcommand();
        }
        List<String> words = leafResult.matchedPositionalValue(0, List.of());
        try {
            Words w = Words.parse("allocmgr " + verb.path(), words, verb.keys().keySet());
            verb.action().run(session(parsed), w);
            return OK;
        } catch (UsageException e) {
            err.println("allocmgr: " + e.getMessage());
            err.flush();
            return USAGE;
        } catch (Refused | AdminClientException | MungeException e) {
            err.println("allocmgr: " + e.getMessage());
            err.flush();
            return REFUSED;
        } finally {
            out.flush();
        }
    }

    private Session session(ParseResult parsed) {
        String output = value(parsed, "--output");
        boolean json = flag(parsed, "--json");
        boolean csv = flag(parsed, "--csv");
        boolean parsable = flag(parsed, "--parsable2");
        if ((json ? 1 : 0) + (csv ? 1 : 0) + (parsable ? 1 : 0) + (output != null ? 1 : 0) > 1) {
            throw new UsageException("choose one of --json, --csv, -P/--parsable2 and -o/--output");
        }
        OutputFormat format = output != null ? output(output) : json ? OutputFormat.JSON : csv ? OutputFormat.CSV
                : parsable ? OutputFormat.PARSABLE : OutputFormat.TABLE;
        String timeout = value(parsed, "--timeout");
        long timeoutSeconds = timeout == null ? DEFAULT_TIMEOUT_SECONDS : seconds(timeout);
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new UsageException("--timeout takes seconds from 1 to 3600, got " + timeout);
        }
        return new Session(client(value(parsed, "--socket"), timeoutSeconds * 1000), format,
                !flag(parsed, "--noheader"), flag(parsed, "--immediate"), in, terminal, out, err, zone, env);
    }

    /** --socket or $ALLOCD_ADMIN_SOCKET; else the TCP door named by $ALLOCD_SERVER or allocmgr.conf; else the default socket. */
    private AdminClient client(String socket, long timeoutMillis) {
        String local = socket != null ? socket : env.get("ALLOCD_ADMIN_SOCKET");
        if (local != null) {
            return new AdminClient(Path.of(local), timeoutMillis);
        }
        return RemoteSettings.find(env)
                .map(door -> AdminClient.remote(door.host(), door.port(), Munge.at(door.mungeSocket()), timeoutMillis))
                .orElseGet(() -> new AdminClient(Path.of(DEFAULT_SOCKET), timeoutMillis));
    }

    private static OutputFormat output(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "table" -> OutputFormat.TABLE;
            case "parsable", "parsable2" -> OutputFormat.PARSABLE;
            case "csv" -> OutputFormat.CSV;
            case "json" -> OutputFormat.JSON;
            default -> throw new UsageException("-o/--output takes table, parsable, csv or json, got '" + name + "'");
        };
    }

    private static long seconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Global options may stand before or after the verb, so look at every level of the parse. */
    private static boolean flag(ParseResult parsed, String name) {
        for (ParseResult r = parsed; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
            if (r.hasMatchedOption(name)) {
                return true;
            }
        }
        return false;
    }

    private static String value(ParseResult parsed, String name) {
        String value = null;
        for (ParseResult r = parsed; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
            if (r.hasMatchedOption(name)) {
                value = r.matchedOptionValue(name, (String) null);
            }
        }
        return value;
    }

    /** Every verb, as --help lists them. */
    CommandLine commandLine() {
        return commandLine(List.of());
    }

    /**
     * The command line with the verbs {@code args} name, or with every verb when they name none (help and
     * "did you mean" need them all). Only the named verbs are built because building every verb's picocli
     * model and help is most of the CPU a one-shot call like 'allocmgr balance' spends in Java.
     */
    CommandLine commandLine(List<String> args) {
        CommandSpec spec = CommandSpec.create().name("allocmgr");
        spec.usageMessage().description("Administer allocd, the allocation bank: accounts, users, money and reports.",
                "Every permission is decided by the daemon from your unix user.")
                .footer("", "Exit codes: 0 done, 1 refused (or not confirmed, or allocd unreachable), 2 usage.",
                        "The socket: --socket, else $ALLOCD_ADMIN_SOCKET; from another node allocd's TCP door, named by"
                                + " $ALLOCD_SERVER or 'server = HOST:PORT' in /etc/allocd/allocmgr.conf (a MUNGE"
                                + " credential proves who you are); else " + DEFAULT_SOCKET + ".");
        help(spec);
        option(spec, "Print rows separated by '|' (sacctmgr -P).", "-P", "--parsable2");
        option(spec, "Print no header line.", "-n", "--noheader");
        option(spec, "Print JSON, amounts in exact micro-SU with SU strings beside them.", "--json");
        option(spec, "Print CSV.", "--csv");
        option(spec, "Do not ask for confirmation.", "-i", "--immediate");
        spec.addOption(OptionSpec.builder("-s", "--socket").paramLabel("PATH").type(String.class)
                .scopeType(ScopeType.INHERIT).description("allocd's admin socket").build());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("FORMAT").type(String.class)
                .scopeType(ScopeType.INHERIT).description("table, parsable, csv or json (the same as -P, --csv,"
                        + " --json)").build());
        spec.addOption(OptionSpec.builder("--timeout").paramLabel("SECONDS").type(String.class)
                .scopeType(ScopeType.INHERIT).description("give up after this long (default 60)").build());
        CommandLine root = new CommandLine(spec);
        List<Verbs.Verb> written = Stream.of(Verbs.all(), CycleVerbs.all(), UserVerbs.all(), SlurmVerbs.all(),
                RateVerbs.all(), OverviewVerbs.all())
                .flatMap(List::stream).toList();
        List<Verbs.Verb> every = Stream.concat(written.stream(), OperationVerbs.all(written).stream()).toList();
        List<Verbs.Verb> named = every.stream().filter(verb -> args.contains(verb.group() == null ? verb.name()
                : verb.group()) || verb.aliases().stream().anyMatch(args::contains)).toList();
        List<Verbs.Verb> verbs = named.isEmpty() ? every : named;
        for (Map.Entry<String, String> group : Verbs.GROUPS.entrySet()) {
            if (verbs.stream().noneMatch(verb -> group.getKey().equals(verb.group()))) {
                continue;
            }
            CommandSpec g = CommandSpec.create().name(group.getKey());
            g.usageMessage().description(group.getValue());
            help(g);
            root.addSubcommand(group.getKey(), new CommandLine(g));
        }
        for (Verbs.Verb verb : verbs) {
            CommandSpec v = CommandSpec.wrapWithoutInspection(verb).name(verb.name());
            v.aliases(verb.aliases().toArray(String[]::new));
            v.usageMessage().description(verb.summary()).footer(footer(verb));
            help(v);
            v.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(List.class)
                    .auxiliaryTypes(String.class).paramLabel("[NAME] [key=value...]")
                    .description("a bare name and fields; 'where' and 'set' may stand between them").build());
            CommandLine parent = verb.group() == null ? root : root.getSubcommands().get(verb.group());
            parent.addSubcommand(verb.name(), new CommandLine(v));
        }
        // Set after every subcommand is added: picocli passes the streams down to those it already has.
        root.setOut(out);
        root.setErr(err);
        return root;
    }

    /** The verb's fields, then the operations it asks allocd for (from the registry) and who may call them. */
    private static String[] footer(Verbs.Verb verb) {
        List<String> lines = new ArrayList<>(List.of("", "Fields:"));
        for (Map.Entry<String, String> key : verb.keys().entrySet()) {
            lines.add(String.format("  %-15s %s", key.getKey() + "=", key.getValue()));
        }
        List<String> asks = OperationVerbs.asks(verb.path());
        if (!asks.isEmpty()) {
            lines.add("");
            lines.add("Asks allocd:");
            lines.addAll(asks);
        }
        return lines.toArray(String[]::new);
    }

    private static void help(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
    }

    private static void option(CommandSpec spec, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).description(description).arity("0")
                .scopeType(ScopeType.INHERIT).build());
    }
}
