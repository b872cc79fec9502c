package org.labbook.magics.internal;

import java.util.function.Function;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tracker;

/**
 * The store this kernel session logs to. The tracker is opened on first use, so a notebook that never
 * tracks anything never creates a store; {@code %track store URI} switches to another store.
 */
public final class StoreConnection implements AutoCloseable {
    private final Function<String, Tracker> opener;
    private String uri;
    private Tracker tracker;

    /**
     * @param uri    the store to use, or null for the default resolution ({@code LABBOOK_STORE}, git root, ...)
     * @param opener opens a tracker for a URI (null meaning the default), e.g. {@link Labbook#open(String)}
     */
    public StoreConnection(String uri, Function<String, Tracker> opener) {
        this.uri = uri;
        this.opener = opener;
    }

    public synchronized Tracker tracker() {
        if (tracker == null) {
            tracker = opener.apply(uri);
        }
        return tracker;
    }

    /** Where the store is and which rule chose it, without opening it when it is not open yet. */
    public synchronized StoreLocation location() {
        return tracker != null ? tracker.location() : Labbook.locate(uri);
    }

    /** Opens {@code newUri} first, so a bad URI leaves the current store in use, then closes the old one. */
    public synchronized StoreLocation switchTo(String newUri) {
        Tracker next = opener.apply(newUri);
        Tracker previous = tracker;
        tracker = next;
        uri = newUri;
        if (previous != null) {
            previous.close();
        }
        return next.location();
    }

    /** Ends the tracker's live runs as FINISHED and closes the store. */
    @Override
    public synchronized void close() {
        if (tracker != null) {
            try {
                tracker.close();
            } finally {
                tracker = null;
            }
        }
    }
}
