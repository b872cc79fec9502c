/**
 * The PostgreSQL team store: the tracking module's JDBC store core over a pool of connections, with
 * artifact content kept in the database (or in a folder every client shares). Not API; it may change at
 * any time. Open it through {@link org.labbook.tracking.spi.Stores} with a {@code postgresql://} URI.
 */
package org.labbook.tracking.internal.postgres;
