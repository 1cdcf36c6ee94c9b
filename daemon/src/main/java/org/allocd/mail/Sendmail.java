package org.allocd.mail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Hands mail to the local MTA as Slurm's MailProg does: `PROGRAM -t -oi` with the message on stdin
 * (-t: recipients from the To header; -oi: a line holding only "." does not end the message). The
 * MTA queues and delivers; exit 0 means it took the message.
 */
public record Sendmail(Path program, long timeoutSeconds) {
    /** True when the MTA took the message; a failure is logged under what and is false. */
    public boolean send(String what, MailMessage message) {
        return Program.run(what, List.of(program.toString(), "-t", "-oi"), Map.of(), message.bytes(), timeoutSeconds);
    }
}
