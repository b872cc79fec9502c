/**
 * Implementation details of the tracking library: the SQLite store, chunk encoding, downsampling,
 * dataset digests. Nothing here is API; it may change at any time. Use {@link org.labbook.tracking.Tracker}
 * and {@link org.labbook.tracking.RunStore} instead.
 */
package org.labbook.tracking.internal;
