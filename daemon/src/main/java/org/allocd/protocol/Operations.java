package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.allocd.access.Caller;
import org.allocd.ledger.Membership;
import org.allocd.ledger.Role;
import org.allocd.ledger.User;

/**
 * The 'operations' view: every admin operation with who may call it and whether the caller may,
 * judged from the roles the caller holds anywhere in the bank (an account rule says on which accounts).
 */
final class Operations {
    private Operations() {}

    static ObjectNode answer(AdminRequests admin, Caller caller, ObjectNode request) {
        Rule.Roles roles = admin.ledger().read(view -> {
            List<Membership> held = view.user(caller.user()).map(User::id)
                    .map(id -> view.memberships().stream().filter(m -> m.userId() == id).toList()).orElse(List.of());
            return new Rule.Roles(caller.admin(), held.stream().anyMatch(m -> m.role() == Role.COORDINATOR),
                    !held.isEmpty());
        });
        ObjectNode answer = Replies.ok();
        ArrayNode rows = answer.putArray("rows");
        for (Op op : Registry.all()) {
            if (op.door() == Op.Door.ADMIN) {
                rows.addObject().put("op", op.name()).put("kind", op.effect().label())
                        .put("you", op.rule().mayCall(roles)).put("who", op.rule().describe())
                        .put("allocmgr", op.verb() == null ? "call " + op.name() : op.verb())
                        .put("summary", op.summary());
            }
        }
        return answer.put("truncated", false);
    }
}
