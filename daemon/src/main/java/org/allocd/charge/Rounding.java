package org.allocd.charge;

/** How a partition turns a job's fractional GH200-equivalents into charged units. */
public enum Rounding {
    /** Whole units, rounded up: a job pays for enough units to fulfil its request. The default. */
    CEIL {
        @Override
        Ratio apply(Ratio units) {
            return units.ceil();
        }
    },
    /** The exact fraction, e.g. 2.5 units. */
    EXACT {
        @Override
        Ratio apply(Ratio units) {
            return units;
        }
    };

    abstract Ratio apply(Ratio units);
}
