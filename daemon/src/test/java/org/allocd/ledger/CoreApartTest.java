package org.allocd.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core ledger stands apart from the features beside it: features import
 * ledger, never the reverse, and no store interface grows past a screen.
 * Read from the sources, so the rule holds for any feature added later.
 */
class CoreApartTest {
    private static final Path MAIN = Path.of("src/main/java/org/allocd");
    private static final Pattern ALLOCD_PACKAGE = Pattern.compile("\\borg\\.allocd\\.([a-z]+)\\b");
    private static final int MAX_STORE_INTERFACE_METHODS = 15;
    /** The store interfaces: what the ledger and its features read and write through the store. */
    private static final Pattern STORE_INTERFACE = Pattern.compile(
            "(\\w+Rows|\\w+Writes|FundsView|LedgerView|LedgerTx|LedgerStore)\\.java");

    @Test
    void theLedgerNamesNoPackageThatBuildsOnIt() {
        Map<String, Set<String>> uses = packageUses();
        Set<String> dependents = new TreeSet<>();
        uses.forEach((pkg, used) -> {
            if (!pkg.equals("ledger") && used.contains("ledger")) {
                dependents.add(pkg);
            }
        });
        assertTrue(dependents.containsAll(Set.of("billing", "storage", "reservation", "fallback", "cycle", "alert")),
                "the feature packages build on the ledger: " + dependents);
        Set<String> wrongWay = new TreeSet<>(uses.get("ledger"));
        wrongWay.retainAll(dependents);
        assertEquals(Set.of(), wrongWay, "org.allocd.ledger must not name a package that imports it");
    }

    @Test
    void noStoreInterfaceHasMoreThanFifteenMethods() {
        List<String> tooLarge = new ArrayList<>();
        int seen = 0;
        for (Path file : sources()) {
            if (STORE_INTERFACE.matcher(file.getFileName().toString()).matches() && read(file).contains("interface ")) {
                seen++;
                long methods = read(file).lines().filter(CoreApartTest::declaresMethod).count();
                if (methods > MAX_STORE_INTERFACE_METHODS) {
                    tooLarge.add(MAIN.relativize(file) + " has " + methods);
                }
            }
        }
        assertTrue(seen >= 10, "found only " + seen + " store interfaces under " + MAIN.toAbsolutePath());
        assertEquals(List.of(), tooLarge, "split these store interfaces by area");
    }

    /** A method declared at the interface's own level: four spaces, then a signature (not a comment or a type). */
    private static boolean declaresMethod(String line) {
        return line.startsWith("    ") && !line.startsWith("     ") && line.contains("(")
                && !line.matches("    (/|\\*|@|record |interface |class |enum |return ).*")
                && !line.trim().startsWith("this(") && !line.contains(" = ");
    }

    /** For each package under org.allocd, the other org.allocd packages its sources name (imports or full names). */
    private static Map<String, Set<String>> packageUses() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path file : sources()) {
            String pkg = MAIN.relativize(file).getName(0).toString();
            if (file.getParent().equals(MAIN)) {
                continue;
            }
            Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = ALLOCD_PACKAGE.matcher(withoutComments(read(file)));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    used.add(m.group(1));
                }
            }
        }
        return uses;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
