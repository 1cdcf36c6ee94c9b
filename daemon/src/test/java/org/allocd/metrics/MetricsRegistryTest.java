package org.allocd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

    @Test
    void rendersASmallRegistryExactly() {
        MetricsRegistry registry = new MetricsRegistry();
        Counter requests = registry.counter("allocd_requests_total", "Requests by kind and outcome.", "kind", "outcome");
        Histogram latency = registry.histogram("allocd_quote_seconds", "Quote latency in seconds.",
                new double[] {0.25, 1.0}, "kind");
        AtomicLong liens = new AtomicLong(7);
        registry.gauge("allocd_active_liens", "Liens not yet resolved.", liens::get);

        requests.labels("quote", "accepted").add(3);
        requests.labels("lien", "accepted").inc();
        latency.labels("quote").observe(0.25); // on a bound: counts in that bucket
        latency.labels("quote").observe(0.5);
        latency.labels("quote").observe(2.0);
        liens.set(9); // read at scrape time

        String expected = ""
                + "# HELP allocd_requests_total Requests by kind and outcome.\n"
                + "# TYPE allocd_requests_total counter\n"
                + "allocd_requests_total{kind=\"lien\",outcome=\"accepted\"} 1\n"
                + "allocd_requests_total{kind=\"quote\",outcome=\"accepted\"} 3\n"
                + "# HELP allocd_quote_seconds Quote latency in seconds.\n"
                + "# TYPE allocd_quote_seconds histogram\n"
                + "allocd_quote_seconds_bucket{kind=\"quote\",le=\"0.25\"} 1\n"
                + "allocd_quote_seconds_bucket{kind=\"quote\",le=\"1.0\"} 2\n"
                + "allocd_quote_seconds_bucket{kind=\"quote\",le=\"+Inf\"} 3\n"
                + "allocd_quote_seconds_sum{kind=\"quote\"} 2.75\n"
                + "allocd_quote_seconds_count{kind=\"quote\"} 3\n"
                + "# HELP allocd_active_liens Liens not yet resolved.\n"
                + "# TYPE allocd_active_liens gauge\n"
                + "allocd_active_liens 9.0\n";
        assertEquals(expected, registry.render());
    }

    @Test
    void escapesLabelValuesAndHelp() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.counter("allocd_odd_total", "Back\\slash and\nnewline.", "v").labels("a\"b\\c\nd").inc();
        registry.histogram("allocd_plain_seconds", "No labels.", new double[] {0.5});

        assertEquals(""
                + "# HELP allocd_odd_total Back\\\\slash and\\nnewline.\n"
                + "# TYPE allocd_odd_total counter\n"
                + "allocd_odd_total{v=\"a\\\"b\\\\c\\nd\"} 1\n"
                + "# HELP allocd_plain_seconds No labels.\n"
                + "# TYPE allocd_plain_seconds histogram\n",
                registry.render());
    }

    @Test
    void histogramWithoutLabelsPutsOnlyLeInBraces() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.histogram("allocd_x_seconds", "X.", new double[] {0.5}).labels().observe(0.125);

        assertEquals(""
                + "# HELP allocd_x_seconds X.\n"
                + "# TYPE allocd_x_seconds histogram\n"
                + "allocd_x_seconds_bucket{le=\"0.5\"} 1\n"
                + "allocd_x_seconds_bucket{le=\"+Inf\"} 1\n"
                + "allocd_x_seconds_sum 0.125\n"
                + "allocd_x_seconds_count 1\n",
                registry.render());
    }

    @Test
    void aBrokenGaugeLeavesOutOnlyItsSample() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.gauge("allocd_broken", "Throws.", () -> {
            throw new IllegalStateException("store closed");
        });
        registry.counter("allocd_ok_total", "Fine.").labels().inc();

        assertEquals(""
                + "# HELP allocd_broken Throws.\n"
                + "# TYPE allocd_broken gauge\n"
                + "# HELP allocd_ok_total Fine.\n"
                + "# TYPE allocd_ok_total counter\n"
                + "allocd_ok_total 1\n",
                registry.render());
    }

    @Test
    void refusesBadDefinitionsAndLabelUse() {
        MetricsRegistry registry = new MetricsRegistry();
        Counter c = registry.counter("allocd_a_total", "A.", "kind");

        assertThrows(IllegalArgumentException.class, () -> registry.counter("requests_total", "No prefix."));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("allocd_a_total", "Twice."));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("allocd_b_total", " "));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("allocd_c_total", "C.", "__x"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("allocd_d_total", "D.", "k", "k"));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("allocd_e", "E.", new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("allocd_f", "F.", new double[] {1}, "le"));
        assertThrows(IllegalArgumentException.class, () -> c.labels("x", "y"));
        assertThrows(IllegalArgumentException.class, () -> c.labels("x").add(-1));
    }

    @Test
    void countersAndOnlyCountersEndInTotal() {
        MetricsRegistry registry = new MetricsRegistry();
        assertThrows(IllegalArgumentException.class, () -> registry.counter("allocd_commits", "Commits.", "k"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("allocd_commits", "Commits.", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("allocd_open_total", "Open.", () -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> registry.histogram("allocd_wait_total", "Wait.", new double[] {1}));
    }

    @Test
    void aCountItsOwnerKeepsIsReadAtScrapeAsACounter() {
        MetricsRegistry registry = new MetricsRegistry();
        AtomicLong commits = new AtomicLong(4);
        registry.counter("allocd_commits_total", "Commits.", commits::get);
        commits.incrementAndGet();
        assertEquals("# HELP allocd_commits_total Commits.\n# TYPE allocd_commits_total counter\n"
                + "allocd_commits_total 5.0\n", registry.render());
    }

    @Test
    void everyKindRendersAsAStrictReaderAcceptsIt() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.counter("allocd_requests_total", "Requests.", "socket", "op").labels("admin", "a\"b\\c\nd").add(2);
        Histogram h = registry.histogram("allocd_request_seconds", "Latency.", new double[] {0.001, 0.1, 1}, "op");
        h.labels("ping").observe(0.0005);
        h.labels("ping").observe(0.5);
        h.labels("quote").observe(5);
        registry.counter("allocd_commits_total", "Commits.", () -> 3);
        registry.gauge("allocd_liens_open", "Open liens.", () -> Double.NaN);
        String body = registry.render();
        assertEquals(List.of(), TextFormatCheck.problems(body), body);
    }

    @Test
    void theStrictReaderFindsWhatAScraperWouldTripOn() {
        String typed = "# HELP allocd_x_total X.\n# TYPE allocd_x_total counter\n";
        assertEquals(1, TextFormatCheck.problems(typed + "allocd_x_total{a=\"1\",a=\"2\"} 1\n").size());
        assertEquals(1, TextFormatCheck.problems(typed + "allocd_x_total{a=\"1\"} one\n").size());
        assertEquals(1, TextFormatCheck.problems(typed + "allocd_x_total 1\nallocd_x_total 2\n").size());
        assertEquals(1, TextFormatCheck.problems("# TYPE allocd_y counter\nallocd_y 1\n").size());
        assertEquals(1, TextFormatCheck.problems("allocd_z 1\n").size());
        assertEquals(1, TextFormatCheck.problems("# TYPE allocd_h histogram\nallocd_h_bucket{le=\"1\"} 2\n"
                + "allocd_h_bucket{le=\"+Inf\"} 1\nallocd_h_count 1\n").size());
    }

    @Test
    void capsTheNumberOfSeries() {
        Counter c = new MetricsRegistry().counter("allocd_many_total", "Many.", "id");
        for (int i = 0; i < SeriesSet.MAX_SERIES; i++) {
            c.labels(Integer.toString(i)).inc();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.labels("one-more"));
        assertTrue(e.getMessage().contains("small fixed set"), e.getMessage());
        c.labels("0").inc(); // existing series still work
    }

    @Test
    void countsFromManyThreadsAddUp() throws InterruptedException {
        MetricsRegistry registry = new MetricsRegistry();
        Counter c = registry.counter("allocd_t_total", "T.", "k");
        Histogram h = registry.histogram("allocd_t_seconds", "T.", new double[] {1});
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.labels("x").inc();
                    h.labels().observe(2);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(40_000, c.labels("x").value());
        assertTrue(registry.render().contains("allocd_t_seconds_count 40000\n"));
        assertTrue(registry.render().contains("allocd_t_seconds_sum 80000.0\n"));
    }
}
