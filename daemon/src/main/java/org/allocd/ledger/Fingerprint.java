package org.allocd.ledger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What makes two requests under one key the same request. Version 1 is the
 * sha256 of an operation's canonical text: its type's name, then each field
 * by name in declaration order, leaving out every field at its default (null,
 * zero, false, an empty list, a record with no field set), so a field added
 * later with a default leaves the fingerprints of earlier requests as they
 * were. Strings are length-prefixed, so no character of a value is special.
 *
 * <p>Stored as "v1:" and the hex digest. A fingerprint stored before (no
 * version) is the sha256 of the record's toString(), and is matched that way.
 */
final class Fingerprint {
    static final String VERSION = "v1:";
    /**
     * Fields added after allocd stopped writing unversioned fingerprints: no such fingerprint has them, and
     * an old request sent again (a spooled hook event) may carry what the old code did not record.
     */
    private static final Set<String> NEWER_THAN_UNVERSIONED = Set.of("ChargeJob.endState");

    private Fingerprint() {}

    static String of(Operation op) {
        if (!(op instanceof Record record)) {
            throw new IllegalStateException("operation " + op.getClass().getName() + " must be a record");
        }
        return VERSION + JournalHash.sha256(canonical(record));
    }

    /** Whether a stored fingerprint (of this version or the one before) is of the same request as op. */
    static boolean sameRequest(String stored, String fingerprint, Operation op) {
        return stored.startsWith(VERSION) ? stored.equals(fingerprint) : sameAsBefore(stored, (Record) op);
    }

    /**
     * Whether an unversioned fingerprint, the sha256 of toString() as the allocd that stored it wrote it, is of
     * op. Fields are added at the end of an operation with a default, so that allocd's record had op's fields
     * less some trailing ones at their default: each such shortening is tried, the whole record first.
     */
    private static boolean sameAsBefore(String stored, Record op) {
        RecordComponent[] components = Arrays.stream(op.getClass().getRecordComponents())
                .filter(c -> !NEWER_THAN_UNVERSIONED.contains(op.getClass().getSimpleName() + "." + c.getName()))
                .toArray(RecordComponent[]::new);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(components[i], op);
        }
        for (int kept = components.length; kept >= 0; kept--) {
            StringBuilder text = new StringBuilder(op.getClass().getSimpleName()).append('[');
            for (int i = 0; i < kept; i++) {
                text.append(i == 0 ? "" : ", ").append(nameAsStored(components[i])).append('=')
                        .append(textAsBefore(values[i]));
            }
            if (stored.equals(JournalHash.sha256(text.append(']').toString()))) {
                return true;
            }
            if (kept > 0 && value(values[kept - 1]) != null) {
                return false; // a field with a value was there before too
            }
        }
        return false;
    }

    /**
     * A value as toString() wrote it, with fields under the names they had then. Only a record with a renamed
     * field is spelled out here: the others (some with a toString of their own) write themselves as before.
     */
    private static String textAsBefore(Object value) {
        if (value instanceof Record record && Arrays.stream(record.getClass().getRecordComponents())
                .anyMatch(c -> !c.getName().equals(nameAsStored(c)))) {
            StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('[');
            RecordComponent[] components = record.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                text.append(i == 0 ? "" : ", ").append(nameAsStored(components[i])).append('=')
                        .append(textAsBefore(read(components[i], record)));
            }
            return text.append(']').toString();
        } else if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(textAsBefore(list.get(i)));
            }
            return text.append(']').toString();
        }
        return String.valueOf(value);
    }

    /** The canonical text, e.g. {@code Withdraw{opKey=2:k1;actor=5:admin;account=4:proj;amountMicroSu=1000000;}}. */
    static String canonical(Record operation) {
        StringBuilder text = new StringBuilder(operation.getClass().getSimpleName());
        String fields = fields(operation);
        return text.append(fields == null ? "{}" : fields).toString();
    }

    /** "{name=value;...}" of the fields not at their default, or null when every field is. */
    private static String fields(Record record) {
        StringBuilder text = new StringBuilder("{");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String value = value(read(component, record));
            if (value != null) {
                text.append(nameAsStored(component)).append('=').append(value).append(';');
            }
        }
        return text.length() == 1 ? null : text.append('}').toString();
    }

    /**
     * A field's name as fingerprints spell it: fields once named "...Ms" are now "...Millis", and a name must
     * not change a fingerprint, or a retried request would be refused as another one under its key.
     */
    private static String nameAsStored(RecordComponent component) {
        String name = component.getName();
        return name.endsWith("Millis") ? name.substring(0, name.length() - "Millis".length()) + "Ms" : name;
    }

    /** A field's value as text, or null at its default. */
    private static String value(Object value) {
        if (value == null) {
            return null;
        } else if (value instanceof String s) {
            return s.length() + ":" + s;
        } else if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue() == 0 ? null : value.toString();
        } else if (value instanceof Boolean b) {
            return b ? "true" : null;
        } else if (value instanceof Enum<?> e) {
            return e.name();
        } else if (value instanceof Record r) {
            return fields(r);
        } else if (value instanceof List<?> list) {
            return list.isEmpty() ? null : elements(list);
        }
        throw new IllegalStateException("an operation field of type " + value.getClass().getName()
                + " has no canonical text; add it to Fingerprint");
    }

    /** A list keeps every element as it is, at its default or not, so positions stay. */
    private static String elements(List<?> list) {
        StringBuilder text = new StringBuilder("[");
        for (Object element : list) {
            String value = element instanceof Number || element instanceof Boolean ? element.toString()
                    : value(element);
            text.append(value == null ? "null" : value).append(',');
        }
        return text.append(']').toString();
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
        }
    }
}
