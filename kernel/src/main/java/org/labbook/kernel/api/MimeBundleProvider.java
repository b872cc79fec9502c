package org.labbook.kernel.api;

/**
 * Implemented by any object that knows how to show itself. Objects from libraries that cannot depend on
 * the kernel may instead have a public no-argument method {@code Map<String, ?> toMimeBundle()}; the
 * display registry finds it too.
 */
public interface MimeBundleProvider {
    MimeBundle toMimeBundle();
}
