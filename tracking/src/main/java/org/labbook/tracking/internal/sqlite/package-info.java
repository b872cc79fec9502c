/**
 * The embedded SQLite store: one {@code labbook.db} file in WAL mode plus a content-addressed
 * {@code artifacts/} folder. Not API; it may change at any time. Open it through
 * {@link org.labbook.tracking.spi.Stores}.
 */
package org.labbook.tracking.internal.sqlite;
