package org.labbook.kernel.protocol;

/** A message that cannot be accepted: bad framing, a wrong signature, or JSON that is not a message. */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
