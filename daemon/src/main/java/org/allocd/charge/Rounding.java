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
    },
    /**
     * Whole units, rounded down, as Slurm bills (it keeps a job's billing TRES as a whole number, dropping the
     * fraction): 2.5 units are 2. A job that asks for anything pays at least one unit, the partition's minimum
     * charge; Slurm's own billing would be 0 for it and it would run free.
     */
    FLOOR {
        @Override
        Ratio apply(Ratio units) {
            return units.compareTo(Ratio.ZERO) == 0 ? units : units.floor().max(Ratio.ONE);
        }
    };

    abstract Ratio apply(Ratio units);
}
