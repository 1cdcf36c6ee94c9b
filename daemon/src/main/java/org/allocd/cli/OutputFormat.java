package org.allocd.cli;

/** How rows are written: aligned columns, pipes (-P), CSV (--csv) or JSON (--json). */
enum OutputFormat { TABLE, PARSABLE, CSV, JSON }
