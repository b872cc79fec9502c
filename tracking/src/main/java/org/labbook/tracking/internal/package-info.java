/**
 * Implementation details of the tracking library: the JDBC store core, the SQLite store, chunk
 * encoding, downsampling, dataset digests. Nothing here is API; it may change at any time. Use
 * {@link org.labbook.tracking.Tracker}, or {@link org.labbook.tracking.spi.RunStore} to write a store.
 */
package org.labbook.tracking.internal;
