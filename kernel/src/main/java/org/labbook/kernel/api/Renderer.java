package org.labbook.kernel.api;

/** Turns a value into the MIME bundle a front end shows. */
@FunctionalInterface
public interface Renderer<T> {
    MimeBundle render(T value) throws Exception;
}
