package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.allocd.access.Caller;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.VerifyReport;

/** The admin reads of one thing: an account's balance, verify, backup and a quote. */
final class AdminViews {
    private final Ledger ledger;
    private final JobAccounting jobs;
    private final OperationsHealth health;

    AdminViews(Ledger ledger, JobAccounting jobs, OperationsHealth health) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.health = health;
    }

    ObjectNode verify() {
        VerifyReport report = ledger.verify();
        health.verified(report);
        ObjectNode answer = Replies.ok().put("clean", report.clean()).put("journal_entries", report.journalEntries())
                .put("accounts", report.accounts()).put("allocations", report.allocations()).put("jobs", report.jobs())
                .put("problem_count", report.problemCount());
        report.problems().forEach(answer.putArray("problems")::add);
        return answer;
    }

    ObjectNode backup(ObjectNode r) {
        Path file = Path.of(Fields.text(r, "file"));
        if (!file.isAbsolute()) {
            throw new BadRequest("backup file must be an absolute path, got " + file);
        }
        ledger.backupTo(file);
        return Replies.ok().put("file", file.toString());
    }

    /** Anyone may price their own job (the default user); another user's is the rule's business. */
    ObjectNode quote(Caller caller, ObjectNode r) {
        String user = Fields.optionalText(r, "user");
        return HookRequests.quoteFor(jobs, user == null ? caller.user() : user, r);
    }
}
