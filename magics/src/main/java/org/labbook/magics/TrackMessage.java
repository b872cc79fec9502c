package org.labbook.magics;

import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;

/** A short confirmation a {@code %track} command shows, e.g. which run started; also the help text. */
public record TrackMessage(String text) implements MimeBundleProvider {
    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
