package org.labbook.tracking;

/**
 * The store could not do what was asked: the database file is unreadable, the disk is full, an
 * artifact's content no longer matches its recorded hash. The message says what failed and where;
 * it never includes SQL text.
 */
public class StoreException extends TrackingException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
