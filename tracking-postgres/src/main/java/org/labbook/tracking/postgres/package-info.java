/**
 * What the PostgreSQL team store offers beyond opening it by URI: the SQL that creates a store by hand
 * ({@link org.labbook.tracking.postgres.PostgresSetupSql}). The store itself is reached through
 * {@code Labbook.open("postgresql://...")}; its implementation is internal.
 */
package org.labbook.tracking.postgres;
