/**
 * Keeps secrets out of everything Labbook stores or exports. A {@link org.labbook.tracking.redact.Scrubber}
 * replaces, with one marker ({@value org.labbook.tracking.redact.Scrubber#MARKER}):
 * <ul>
 *   <li>every collected secret <em>value</em> ({@link org.labbook.tracking.redact.SecretValues}) wherever
 *       it appears: the values of environment variables whose names look secret, and whatever the caller
 *       adds (the kernel adds the values of notebook variables with secret-looking names);</li>
 *   <li>well-known credential formats (cloud keys, tokens, JWTs, PEM keys, passwords in URLs);</li>
 *   <li>the value of {@code name=value}, {@code name: value} and {@code export NAME=value} where the name
 *       looks secret ({@link org.labbook.tracking.redact.SecretNames}).</li>
 * </ul>
 * It fails safe: text it cannot scrub is replaced whole by the marker, never kept raw. Settings add names
 * and patterns ({@link org.labbook.tracking.redact.RedactionSettings}); none turns redaction off. Used by
 * the kernel for cell records and notebook copies, and by run-context capture (git diff, environment) in
 * notebooks and CI jobs alike.
 */
package org.labbook.tracking.redact;
