/**
 * The {@code %track} handlers, the session's tracking state and the kernel extension that registers
 * them. Internal to the magics module: may change at any time.
 */
package org.labbook.magics.internal;
