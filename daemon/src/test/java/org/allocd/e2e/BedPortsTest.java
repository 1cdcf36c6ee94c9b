package org.allocd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.Test;

/**
 * The ports of every test bed, those of the e2e classes (SlurmTestbed.Bed, in every checkout) and the scripts'
 * defaults (scripts/testbed, bench-slurm, bench-shim), and scripts/start's HTTP port: no two meet, and all are below
 * the kernel's free-port pool.
 * Read from the scripts themselves, so a changed default or MariaDB offset there is checked too.
 */
class BedPortsTest {
    /** Where Linux's free-port pool (net.ipv4.ip_local_port_range) starts unless a machine moves it. */
    private static final int FREE_POOL_FIRST_PORT = 32_768;
    /** Network interface names (bridge, veth, namespace) are at most 15 characters. */
    private static final int INTERFACE_NAME_MAX = 15;

    private record Ports(String owner, int first, int last) {
        boolean meets(Ports other) {
            return first <= other.last && other.first <= last;
        }
    }

    @Test
    void noTwoBedsShareAPortAndAllAreBelowTheFreePortPool() throws IOException {
        Path repo = SlurmTestbed.repo();
        int dbOffset = number(repo.resolve("scripts/testbed"), "readonly db_port=\\$\\(\\(port_base \\+ (\\d+)\\)\\)");
        assertEquals(SlurmTestbed.DB_PORT_OFFSET, dbOffset, "SlurmTestbed.DB_PORT_OFFSET is scripts/testbed's db_port");

        List<Ports> all = new ArrayList<>();
        for (Bed bed : Bed.values()) {
            int first = bed.portBase(0);
            int last = bed.portBase(SlurmTestbed.CHECKOUTS - 1) + SlurmTestbed.PORTS_PER_CHECKOUT - 1;
            all.add(new Ports(bed + " (slurmctld, slurmd, slurmdbd)", first, last));
            all.add(new Ports(bed + " (MariaDB)", first + dbOffset, last + dbOffset));
        }
        script(all, "scripts/testbed's default", number(repo.resolve("scripts/testbed"),
                "port_base=\\$\\{ALLOCD_TESTBED_PORT_BASE:-(\\d+)\\}"), dbOffset);
        script(all, "scripts/bench-slurm", number(repo.resolve("scripts/bench-slurm"),
                "BENCH_SLURM_PORT_BASE:-(\\d+)\\}"), dbOffset);
        script(all, "scripts/bench-shim", number(repo.resolve("scripts/bench-shim"),
                "BENCH_SHIM_PORT_BASE:-(\\d+)\\}"), dbOffset);
        int http = number(repo.resolve("scripts/start"), "ALLOCD_HTTP_PORT:-(\\d+)\\}");
        all.add(new Ports("scripts/start (HTTP)", http, http));

        int poolFirst = Math.min(FREE_POOL_FIRST_PORT, thisMachinesPoolFirst());
        for (int i = 0; i < all.size(); i++) {
            Ports ports = all.get(i);
            assertTrue(ports.last < poolFirst, ports + " reaches the free-port pool, from " + poolFirst);
            for (Ports other : all.subList(i + 1, all.size())) {
                assertTrue(!ports.meets(other), ports + " meets " + other);
            }
        }
    }

    @Test
    void everyCheckoutHasANumberOfItsOwnRange() {
        int checkout = SlurmTestbed.checkout(SlurmTestbed.repo());
        assertTrue(checkout >= 0 && checkout < SlurmTestbed.CHECKOUTS, "checkout " + checkout);
    }

    @Test
    void theNamesOfMultiNodeBedsFitAnInterfaceName() throws IOException {
        Path testbed = SlurmTestbed.repo().resolve("scripts/testbed");
        int maxNodes = number(testbed, "max_nodes=(\\d+)");
        for (Bed bed : Bed.values()) {
            // scripts/testbed's net_ns, the longest: atb$port_base-$node.
            String namespace = "atb" + bed.portBase(SlurmTestbed.CHECKOUTS - 1) + "-node" + maxNodes;
            assertTrue(namespace.length() <= INTERFACE_NAME_MAX, namespace + " is longer than " + INTERFACE_NAME_MAX);
        }
    }

    private static void script(List<Ports> all, String owner, int base, int dbOffset) {
        all.add(new Ports(owner + " (slurmctld, slurmd, slurmdbd)", base, base + 2));
        all.add(new Ports(owner + " (MariaDB)", base + dbOffset, base + dbOffset));
    }

    private static int number(Path script, String regex) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(script));
        if (!matcher.find()) {
            fail(script + " has no line matching " + regex);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The first port of this machine's free-port pool; Linux's default where /proc does not say. */
    private static int thisMachinesPoolFirst() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.exists(range)) {
            return FREE_POOL_FIRST_PORT;
        }
        // readAllLines: Files.readString stops early on this file (its size says 0).
        return Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
    }
}
