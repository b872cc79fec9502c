/**
 * The {@code labbook} command line: {@code kernel} (what a kernelspec starts), {@code install},
 * {@code uninstall} and {@code run}. Internal to the kernel: may change at any time.
 */
package org.labbook.kernel.cli;
