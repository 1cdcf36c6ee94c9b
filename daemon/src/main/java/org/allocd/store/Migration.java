package org.allocd.store;

import java.util.List;

/**
 * One schema migration file, V&lt;version&gt;__&lt;name&gt;.sql.
 *
 * @param fileName the file's name, recorded in schema_version
 * @param sha256 hex SHA-256 of the file's bytes: an applied file must never change
 */
record Migration(int version, String fileName, String sha256, List<String> statements) {}
