package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain reading of a command line says what picocli's says, and leaves every other form to picocli. */
class InvocationTest {
    private final List<Verbs.Verb> verbs = Allocmgr.written();
    private final Allocmgr allocmgr = new Allocmgr(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), new BufferedReader(new StringReader("")), false, Map.of(),
            ZoneOffset.UTC);

    @Test
    void plainFormsReadAsPicocliReadsThem() {
        List<List<String>> lines = List.of(
                List.of("balance"),
                List.of("-Pn", "balance"),
                List.of("-P", "-n", "balance", "proj", "own=yes"),
                List.of("balance", "-n", "--parsable2", "account=proj"),
                List.of("--json", "jobcharge", "proj", "start=2026-01-01"),
                List.of("jobcharge", "proj", "--csv"),
                List.of("-o", "json", "quote", "partition=gpu", "gpus=2"),
                List.of("--output=csv", "accounts"),
                List.of("--timeout", "5", "-s", "/run/x.sock", "balance"),
                List.of("balance", "--socket=/run/x.sock", "--timeout=7"),
                List.of("show", "balance", "where", "account=proj"),
                List.of("show", "balances"),
                List.of("-i", "deposit", "proj", "amount=5", "note=a b"),
                List.of("-ni", "modify", "account", "proj", "set", "description=-x-"),
                List.of("import", "storage", "-"),
                List.of("accounts", "user=alice", "format=Account,Balance (SU)"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            Invocation plain = Invocation.readPlain(args, Allocmgr.TABLES);
            assertNotNull(plain, "read plainly: " + line);
            assertEquals(Allocmgr.read(allocmgr.commandLine(verbs, line).parseArgs(args)), plain, line.toString());
        }
    }

    @Test
    void everyOtherFormIsPicocli() {
        List<List<String>> lines = List.of(
                List.of(), List.of("-P"), List.of("show"), List.of("--help"), List.of("balance", "-h"),
                List.of("balance", "--", "proj"), List.of("@args.txt"), List.of("balance", "--jsn"),
                List.of("-Px", "balance"), List.of("-P", "balance", "-P"), List.of("--json=yes", "balance"),
                List.of("-Po", "json", "balance"), List.of("balance", "-s"), List.of("-o", "-P", "balance"),
                List.of("balanse"), List.of("proj", "balance"), List.of("show", "nothing"),
                List.of("adjust", "proj", "-5"));
        for (List<String> line : lines) {
            assertNull(Invocation.readPlain(line.toArray(String[]::new), Allocmgr.TABLES), line.toString());
        }
    }
}
