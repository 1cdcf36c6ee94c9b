package org.allocd.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.allocd.munge.MungeCommand;
import org.allocd.munge.MungeException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * allocmgr: the sacctmgr-shaped admin CLI. Invocation reads the plain command
 * lines, picocli every other form (and writes every --help); the key=value tail
 * is checked per verb by Words. Exit codes: 0 done, 1 refused (by the daemon, or
 * not confirmed, or daemon unreachable), 2 usage.
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
    private final Supplier<ZoneId> zone;

    public Allocmgr(PrintWriter out, PrintWriter err, BufferedReader in, boolean terminal, Map<String, String> env,
            ZoneId zone) {
        this(out, err, in, terminal, env, () -> zone);
    }

    private Allocmgr(PrintWriter out, PrintWriter err, BufferedReader in, boolean terminal, Map<String, String> env,
            Supplier<ZoneId> zone) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.terminal = terminal;
        this.env = env;
        this.zone = zone;
    }

    /** The `allocmgr` command of the jar, on the process's own streams. */
    public static int main(String[] args) {
        WarmStart.begin();
        return new Allocmgr(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.console() != null, System.getenv(), ZoneId::systemDefault).run(args);
    }

    public int run(String... args) {
        Invocation line = Invocation.readPlain(args, TABLES);
        if (line != null) {
            return perform(line);
        }
        CommandLine root = commandLine(written(), List.of(args));
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
        line = read(parsed);
        if (line == null) {
            List<CommandLine> chain = parsed.asCommandLineList();
            CommandLine leaf = chain.get(chain.size() - 1);
            err.println("allocmgr: " + (leaf == root ? "give a verb" : "give what to " + leaf.getCommandName()
                    + ": " + String.join(", ", leaf.getSubcommands().keySet())));
            leaf.usage(err);
            err.flush();
            return USAGE;
        }
        return perform(line);
    }

    /** The verb, options and words picocli read; null when the line names no verb (a group alone, or nothing). */
    static Invocation read(ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        if (!(chain.get(chain.size() - 1).getCommandSpec().userObject() instanceof Verbs.Verb verb)) {
            return null;
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return new Invocation(verb, options(parsed), leaf.matchedPositionalValue(0, List.of()));
    }

    /** Runs the verb on the words after it, with the global options given. */
    private int perform(Invocation line) {
        try {
            Verbs.Verb verb = line.verb();
            Words w = Words.parse("allocmgr " + verb.path(), line.words(), verb.keys().keySet());
            verb.action().run(session(line.options()), w);
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

    private Session session(Map<GlobalOption, String> options) {
        String output = options.get(GlobalOption.OUTPUT);
        boolean json = options.containsKey(GlobalOption.JSON);
        boolean csv = options.containsKey(GlobalOption.CSV);
        boolean parsable = options.containsKey(GlobalOption.PARSABLE);
        if ((json ? 1 : 0) + (csv ? 1 : 0) + (parsable ? 1 : 0) + (output != null ? 1 : 0) > 1) {
            throw new UsageException("choose one of --json, --csv, -P/--parsable2 and -o/--output");
        }
        OutputFormat format = output != null ? output(output) : json ? OutputFormat.JSON : csv ? OutputFormat.CSV
                : parsable ? OutputFormat.PARSABLE : OutputFormat.TABLE;
        String timeout = options.get(GlobalOption.TIMEOUT);
        long timeoutSeconds = timeout == null ? DEFAULT_TIMEOUT_SECONDS : seconds(timeout);
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new UsageException("--timeout takes seconds from 1 to 3600, got " + timeout);
        }
        return new Session(client(options.get(GlobalOption.SOCKET), timeoutSeconds * 1000), format,
                !options.containsKey(GlobalOption.NOHEADER), options.containsKey(GlobalOption.IMMEDIATE), in, terminal,
                out, err, zone, env);
    }

    /** --socket or $ALLOCD_ADMIN_SOCKET; else the TCP door named by $ALLOCD_SERVER or allocmgr.conf; else the default socket. */
    private AdminClient client(String socket, long timeoutMillis) {
        String local = socket != null ? socket : env.get("ALLOCD_ADMIN_SOCKET");
        if (local != null) {
            return new AdminClient(Path.of(local), timeoutMillis);
        }
        return RemoteSettings.find(env)
                .map(door -> AdminClient.remote(door.host(), door.port(), new MungeCommand(door.mungeSocket()),
                        timeoutMillis))
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

    /** The global options picocli read; they may stand before or after the verb, so look at every level. */
    private static Map<GlobalOption, String> options(ParseResult parsed) {
        Map<GlobalOption, String> options = new EnumMap<>(GlobalOption.class);
        for (GlobalOption option : GlobalOption.values()) {
            String value = null;
            for (ParseResult r = parsed; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
                if (r.hasMatchedOption(option.longName())) {
                    value = option.takesValue() ? r.matchedOptionValue(option.longName(), (String) null) : "";
                }
            }
            if (value != null) {
                options.put(option, value);
            }
        }
        return options;
    }

    /**
     * The hand-written verbs by table, the users' first: a plain command line builds the tables only up to its
     * verb's (each verb's action is a lambda, and linking dozens of them is a good part of a one-shot call). The
     * operation registry's views are added only where picocli reads the line.
     */
    static final List<Supplier<List<Verbs.Verb>>> TABLES = List.of(UserVerbs::all, Verbs::all, CycleVerbs::all,
            SlurmVerbs::all, RateVerbs::all, OverviewVerbs::all);

    /** Every hand-written verb, as help lists them. */
    static List<Verbs.Verb> written() {
        return TABLES.stream().flatMap(table -> table.get().stream()).toList();
    }

    /**
     * The command line with the verbs {@code args} name, or with every verb when they name none (help and
     * "did you mean" need them all). Only the named verbs are built because building every verb's picocli
     * model and help costs a one-shot call more than the rest of its Java.
     */
    CommandLine commandLine(List<Verbs.Verb> written, List<String> args) {
        CommandSpec spec = CommandSpec.create().name("allocmgr");
        spec.usageMessage().description("Administer allocd, the allocation bank: accounts, users, money and reports.",
                "Every permission is decided by the daemon from your unix user.")
                .footer("", "Exit codes: 0 done, 1 refused (or not confirmed, or allocd unreachable), 2 usage.",
                        "The socket: --socket, else $ALLOCD_ADMIN_SOCKET; from another node allocd's TCP door, named by"
                                + " $ALLOCD_SERVER or 'server = HOST:PORT' in /etc/allocd/allocmgr.conf (a MUNGE"
                                + " credential proves who you are); else " + DEFAULT_SOCKET + ".");
        help(spec);
        for (GlobalOption option : GlobalOption.values()) {
            OptionSpec.Builder builder = OptionSpec.builder(option.names.toArray(String[]::new))
                    .description(option.description).scopeType(ScopeType.INHERIT);
            spec.addOption((option.takesValue() ? builder.paramLabel(option.paramLabel).type(String.class)
                    : builder.arity("0")).build());
        }
        CommandLine root = new CommandLine(spec);
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
}
