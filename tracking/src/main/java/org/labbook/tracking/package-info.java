/**
 * Labbook's tracking library: record runs (params, metrics, tags, notes, artifacts, datasets) in a
 * store that many processes share, and find, read and compare them. Usable with no notebook.
 *
 * <p>Start with {@link org.labbook.tracking.Labbook#open()}, which returns a
 * {@link org.labbook.tracking.Tracker}; {@link org.labbook.tracking.Tracker#start} gives a live
 * {@link org.labbook.tracking.Run}. This package holds what users call: the entry points, the value
 * records, the query types and the exceptions. Every deliberate error is a
 * {@link org.labbook.tracking.TrackingException}. Store authors implement the interfaces in
 * {@link org.labbook.tracking.spi}; types under {@code internal} are not API.
 */
package org.labbook.tracking;
